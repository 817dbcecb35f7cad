import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import {
  App,
  Fn,
  Lazy,
  Op,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
  conditional,
  propertyAccess,
} from 'cdktf';
import { Construct } from 'constructs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadEnvironments } from '../../config/load';
import { buildStacks } from '../../stacks/app';
import { disableFastSynth, enableFastSynth } from '../../stacks/fast-synth';

const environments = loadEnvironments('config/environments');

/** cdktf's default token resolver (what stacks resolve with). */
function resolverOf() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultTokenResolver, StringConcat } = require('cdktf') as typeof import('cdktf');
  return new DefaultTokenResolver(new StringConcat());
}

/** Synthesizes every bundled stack into a fresh folder; returns stack name -> cdk.tf.json text. */
function synthAll(fast: boolean): Map<string, string> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'fast-synth-'));
  try {
    if (fast) enableFastSynth();
    const app = new App({ outdir, stackTraces: false });
    buildStacks(app, environments);
    app.synth();
    const stacksDir = path.join(outdir, 'stacks');
    return new Map(
      readdirSync(stacksDir).map((stack) => [
        stack,
        readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'),
      ]),
    );
  } finally {
    disableFastSynth();
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * A stack with every kind of token and value cdktf's resolver distinguishes, beyond what the app's
 * stacks use today: string, list, number and map tokens, tokens inside strings and keys, Terraform
 * functions (which switch escapes off), operators, conditionals, property access, escapes, Lazy
 * values, a dynamic block from an iterator, dates, nulls, empty and nested values.
 */
function kitchenSink(scope: Construct): void {
  new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
  const names = new TerraformVariable(scope, 'names', { type: 'list(string)' });
  const size = new TerraformVariable(scope, 'size', { type: 'number' });
  const tags = new TerraformVariable(scope, 'tags', { type: 'map(string)' });
  const anyMap = new TerraformVariable(scope, 'any_map', { type: 'map(any)' });
  const cidrs = TerraformIterator.fromList(names.listValue);
  const group = new SecurityGroup(scope, 'group', {
    name: Fn.join('-', names.listValue),
    tags: Token.asStringMap(tags.value),
    ingress: cidrs.dynamic({ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: [cidrs.value] }),
  });
  new DataAwsIamPolicyDocument(scope, 'doc', {
    statement: cidrs.dynamic({ actions: ['s3:GetObject'], resources: [cidrs.value] }),
  });
  group.addOverride('description', `${group.name} (overridden)`);
  const local = new TerraformLocal(scope, 'everything', {
    plain: 'a ${literal} } escape',
    [`key ${size.numberValue}`]: 'number token in a key',
    [`key-${size.stringValue}`]: 'string token in a key',
    joined: Fn.join(',', Fn.concat([names.listValue, ['x', 'y']])),
    firstName: Fn.element(names.listValue, 0),
    number: size.numberValue,
    numberInString: `${size.numberValue}px`,
    sum: Op.add(size.numberValue, 2),
    not: Op.not(true),
    choice: conditional(Op.gt(size.numberValue, 3), 'big', 'small'),
    access: propertyAccess(anyMap.value, ['a', 'b', 0]),
    lookup: Fn.lookup(Token.asStringMap(tags.value), 'team', 'none'),
    list: names.listValue,
    numbers: Token.asNumberList(size.value),
    map: Token.asStringMap(tags.value),
    anyMap: Token.asAnyMap(anyMap.value),
    lazy: Lazy.stringValue({ produce: () => `late-${group.name}` }),
    lazyAny: Lazy.anyValue({ produce: () => ({ nested: [group.arn, undefined, null, 1.5, true] }) }),
    fnWithEscape: Fn.format('%s-${x}', [group.id]),
    templated: Fn.templatefile('t.tpl', { id: group.id }),
    date: new Date(0),
    empty: {},
    emptyList: [],
    nested: { deep: [{ deeper: [[group.id, `${group.name}/x`]] }], undef: undefined },
    raw: Token.asString({ resolve: () => ({ raw: size.value }) }),
  });
  new TerraformOutput(scope, 'out', { value: local.expression, sensitive: true });
}

/** Synthesizes the kitchen-sink stack; returns its cdk.tf.json text. */
function synthKitchenSink(fast: boolean): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'fast-synth-sink-'));
  try {
    if (fast) enableFastSynth();
    const app = new App({ outdir, stackTraces: false });
    kitchenSink(new TerraformStack(app, 'sink'));
    app.synth();
    return readFileSync(path.join(outdir, 'stacks', 'sink', 'cdk.tf.json'), 'utf8');
  } finally {
    disableFastSynth();
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('fast synth', () => {
  afterAll(disableFastSynth);

  const normal = synthAll(false);
  const fast = synthAll(true);

  it('writes byte-identical Terraform for every bundled stack', () => {
    expect([...fast.keys()].sort()).toEqual([...normal.keys()].sort());
    for (const [stack, json] of normal) expect(fast.get(stack)).toBe(json);
  });

  it('resolves every kind of token exactly as cdktf does', () => {
    const cdktf = synthKitchenSink(false);
    expect(synthKitchenSink(true)).toBe(cdktf);
    expect(cdktf).toContain('"dynamic"'); // a dynamic block
    expect(cdktf).toContain('for key, val in toset(var.names)'); // an iterator in an attribute
    expect(cdktf).toContain(String.raw`join(\",\", concat(var.names, [\"x\", \"y\"]))`); // a function with literals
  });

  it("fails as cdktf's resolver does, with the same message", () => {
    const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'fast-synth-err-')), stackTraces: false });
    const stack = new TerraformStack(app, 'errors');
    const values = [
      { fn: () => 1 },
      { nested: { list: [1, { construct: stack }] } },
      { [Token.asString({ resolve: () => 42 })]: 'key not a string' },
      { listInString: Token.asList(Token.asString({ resolve: () => ['a'] }))[0] },
    ];
    const failures = (fast: boolean): string[] => {
      if (fast) enableFastSynth();
      try {
        return values.map((value) => {
          try {
            Tokenization.resolve(value, { scope: stack, preparing: false, resolver: resolverOf() });
            return 'no error';
          } catch (error) {
            return (error as Error).message;
          }
        });
      } finally {
        disableFastSynth();
      }
    };
    const cdktf = failures(false);
    rmSync(app.outdir, { recursive: true, force: true });
    expect(cdktf).not.toContain('no error');
    expect(failures(true)).toEqual(cdktf);
  });

  it('is safe because no stack references another stack directly (cdktf would add cross-stack outputs)', () => {
    for (const [stack, json] of normal) {
      const doc = JSON.parse(json) as { output?: object; data?: { terraform_remote_state?: object } };
      const outputs = Object.keys(doc.output ?? {});
      const remoteStates = Object.keys(doc.data?.terraform_remote_state ?? {});
      expect({
        stack,
        crossStack: [...outputs, ...remoteStates].filter((n) => n.startsWith('cross-stack')),
      }).toEqual({
        stack,
        crossStack: [],
      });
    }
  });

  it('skips the cross-stack scan, the token stack traces and the final resolve, and can be undone', () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
    const resolver = require('cdktf/lib/tokens/private/resolve') as { resolve: unknown };
    const util = require('cdktf/lib/util') as { keysToSnakeCase: unknown };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const cdktfPrepare = TerraformStack.prototype.prepareStack;
    const cdktfToTerraform = TerraformStack.prototype.toTerraform;
    const cdktfResolve = resolver.resolve;
    const cdktfKeysToSnakeCase = util.keysToSnakeCase;
    enableFastSynth();
    expect(traces.captureStackTrace()).toEqual([]);
    expect(TerraformStack.prototype.prepareStack).not.toBe(cdktfPrepare);
    expect(TerraformStack.prototype.toTerraform).not.toBe(cdktfToTerraform);
    expect(resolver.resolve).not.toBe(cdktfResolve);
    expect(util.keysToSnakeCase).not.toBe(cdktfKeysToSnakeCase);
    disableFastSynth();
    expect(traces.captureStackTrace().length).toBeGreaterThan(0);
    expect(TerraformStack.prototype.prepareStack).toBe(cdktfPrepare);
    expect(TerraformStack.prototype.toTerraform).toBe(cdktfToTerraform);
    expect(resolver.resolve).toBe(cdktfResolve);
    expect(util.keysToSnakeCase).toBe(cdktfKeysToSnakeCase);
  });
});
