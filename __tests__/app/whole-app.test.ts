/*
 * Properties of the whole app, checked on one synth of every bundled environment (each check used
 * to synthesize all 14 stacks for itself): no secret in the output, production data protected,
 * cost tags on every taggable resource, every alarm wired to a topic.
 */
import { bundledSynth } from './whole-app/bundled-synth';
import './whole-app/no-secrets';
import './whole-app/production-protection';
import './whole-app/cost-tags';
import './whole-app/alarm-actions';

afterAll(() => bundledSynth().remove());
