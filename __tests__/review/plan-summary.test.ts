import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { planSummary } from '../../scripts/review/plan-summary';
import type { PlanJson } from '../../scripts/review/plan/plan-json';
import { stackNameFromFile } from '../../scripts/review/plan/read-plan';
import { summarizePlan } from '../../scripts/review/plan/summarize-plan';
import { dangerRows, fixture, listUnder, tempDir } from './support';

const NO_STACK_TRACE = /^\s+at .*:\d+:\d+\)?$/m;

describe('plan-summary on plans with danger', () => {
  it('flags a database replaced by ["delete","create"], with the path that forces it and both values', () => {
    const out = planSummary([fixture('prod-data.plan.json')]);
    expect(out.exitCode).toBe(2);
    const rows = dangerRows(out.stdout);
    expect(rows).toHaveLength(1);
    const [stack, resource, what, change, why] = rows[0];
    expect(stack).toBe('prod-data');
    expect(resource).toBe('`aws_db_instance.database_instance_D7FC2283`');
    expect(what).toBe('RDS database instance');
    expect(change).toBe('replace (destroy, then create)');
    expect(why).toContain('`db_name`: "app" → "application"');
    expect(why).toContain('cannot change in place');
  });

  it('flags a create-before-destroy replace ["create","delete"] of a stateful type, but not of a parameter group', () => {
    const staging = planSummary([fixture('staging-data.plan.json')]);
    expect(dangerRows(staging.stdout).map((r) => [r[1], r[3]])).toEqual([
      [
        '`aws_elasticache_replication_group.cache_replication-group_FA5C54CF`',
        'replace (create, then destroy)',
      ],
    ]);
    const prod = planSummary([fixture('prod-data.plan.json')]);
    const replaced = listUnder(prod.stdout, 'prod-data', 'Replace');
    expect(
      replaced.some(
        (line) => line.includes('aws_db_parameter_group') && line.includes('create, then destroy'),
      ),
    ).toBe(true);
    expect(dangerRows(prod.stdout).some((r) => r[1].includes('aws_db_parameter_group'))).toBe(false);
  });

  it('flags a destroyed bucket, with the reason Terraform gave', () => {
    const out = planSummary([fixture('prod-edge.plan.json')]);
    expect(out.exitCode).toBe(2);
    expect(dangerRows(out.stdout)).toEqual([
      [
        'prod-edge',
        '`aws_s3_bucket.load-balancer_access-logs_bucket_8C1D2E3F`',
        'S3 bucket',
        'destroy',
        expect.stringContaining('removed from the code'),
      ],
    ]);
  });

  it('calls an aws_s3_bucket in a bootstrap-* stack the Terraform state bucket', () => {
    const out = planSummary([fixture('bootstrap-prod.plan.json')]);
    expect(out.exitCode).toBe(2);
    const rows = dangerRows(out.stdout);
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['`aws_s3_bucket.state_bucket_99469A59`', 'Terraform state bucket'],
    ]);
    expect(rows[0][4]).toContain('the state of every stack');
  });

  it('lists a forgotten resource without flagging it, since it stays in AWS', () => {
    const out = planSummary([fixture('staging-data.plan.json')]);
    const forgotten = listUnder(out.stdout, 'staging-data', 'Forget (removed from state, kept in AWS)');
    expect(forgotten).toEqual([
      expect.stringContaining('aws_secretsmanager_secret.secrets_secret-LEGACY_TOKEN_0A1B2C3D'),
    ]);
    expect(dangerRows(out.stdout).some((r) => r[1].includes('LEGACY_TOKEN'))).toBe(false);
  });

  it('puts the marker first and DANGER before the counts and lists', () => {
    const out = planSummary([fixture('dev-network.plan.json'), fixture('prod-data.plan.json')]);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('<!-- plan-summary -->');
    const danger = out.stdout.indexOf('### ⛔ DANGER');
    expect(danger).toBeGreaterThan(0);
    expect(danger).toBeLessThan(out.stdout.indexOf('| stack | create |'));
    expect(danger).toBeLessThan(out.stdout.indexOf('### dev-network'));
  });

  it('with --allow-destroy still prints DANGER, says it was allowed, and exits 0', () => {
    const out = planSummary(['--allow-destroy', fixture('prod-edge.plan.json')]);
    expect(out.exitCode).toBe(0);
    expect(dangerRows(out.stdout)).toHaveLength(1);
    expect(out.stdout).toContain('**Allowed** with `--allow-destroy`');
    expect(out.stdout).not.toContain('**Blocked**');
    // .github/scripts/review.sh passes the flag after the files.
    expect(planSummary([fixture('prod-edge.plan.json'), '--allow-destroy']).exitCode).toBe(0);
  });

  it('never prints a value marked sensitive', () => {
    const out = planSummary([fixture('staging-data.plan.json')]);
    expect(out.stdout).not.toContain('not-the-real-token');
  });
});

describe('plan-summary on safe plans', () => {
  it('passes a plan that only adds resources: exit 0, no DANGER, counts, data sources not listed', () => {
    const out = planSummary([fixture('dev-network.plan.json')]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).not.toContain('DANGER');
    expect(out.stdout).toContain('**No stateful resource is destroyed or replaced.**');
    expect(out.stdout).toContain('| dev-network | 2 | 0 | 0 | 0 | - |');
    expect(listUnder(out.stdout, 'dev-network', 'Create')).toEqual([
      '- `aws_vpc_endpoint.network_endpoints_s3_6F7A8B9C` (aws_vpc_endpoint)',
      '- `aws_s3_bucket.network_flow-logs_bucket_1A2B3C4D` (S3 bucket)',
    ]);
    expect(out.stdout).not.toContain('data.aws_availability_zones');
    expect(out.stdout).toContain('Not listed: 1 data source read.');
  });

  it('reports a no-op-only plan as no changes', () => {
    const out = planSummary([fixture('staging-network.plan.json')]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('| staging-network | 0 | 0 | 0 | 0 | - |');
    expect(out.stdout).toContain('### staging-network\n\nNo changes.\n\nNot listed: 2 unchanged.');
  });

  it('lists a resource moved by a moved block with its old address, as a move', () => {
    const out = planSummary([fixture('prod-edge.plan.json')]);
    expect(listUnder(out.stdout, 'prod-edge', 'Move (no change)')).toEqual([
      '- `aws_s3_bucket.static-site_bucket_4B5C6D7E` (S3 bucket): moved from `aws_s3_bucket.site_bucket_0F1E2D3C`',
    ]);
    expect(out.stdout).toContain('| prod-edge | 0 | 1 | 0 | 1 | 1 moved |');
  });
});

describe('plan-summary stack names', () => {
  it.each([
    ['plans/prod-data.json', 'prod-data'],
    ['prod-data.plan.json', 'prod-data'],
    ['/tmp/bootstrap-prod.tfplan.json', 'bootstrap-prod'],
  ])('takes %s as stack %s', (file, stack) => {
    expect(stackNameFromFile(file)).toBe(stack);
  });

  it('uses --stack for a single file, which decides whether the state bucket rule applies', () => {
    const out = planSummary(['--stack', 'bootstrap-nonprod', fixture('prod-edge.plan.json')]);
    expect(out.stdout).toContain('### bootstrap-nonprod');
    expect(dangerRows(out.stdout)[0][2]).toBe('Terraform state bucket');
  });

  it('refuses --stack with several files, and two plans for one stack', () => {
    const several = planSummary([
      '--stack',
      'x',
      fixture('prod-edge.plan.json'),
      fixture('prod-data.plan.json'),
    ]);
    expect(several.exitCode).toBe(1);
    expect(several.stderr).toContain('--stack names one stack, but 2 files were given');
    const twice = planSummary([fixture('prod-edge.plan.json'), fixture('prod-edge.plan.json')]);
    expect(twice.exitCode).toBe(1);
    expect(twice.stderr).toContain('a second plan for stack prod-edge');
  });
});

describe('plan-summary on unreadable input', () => {
  let work: ReturnType<typeof tempDir>;
  beforeEach(() => {
    work = tempDir('plan-summary');
  });
  afterEach(() => work.remove());

  function write(name: string, text: string): string {
    const file = path.join(work.dir, name);
    writeFileSync(file, text);
    return file;
  }

  const plan = JSON.parse(readFileSync(fixture('dev-network.plan.json'), 'utf8')) as Record<string, unknown>;

  it.each([
    ['a missing file', () => path.join(work.dir, 'prod-data.json'), 'cannot read the plan: no such file'],
    ['text that is not JSON', () => write('a.json', 'Plan: 1 to add, 0 to change'), 'not JSON'],
    ['an empty file', () => write('a.json', ''), 'not JSON (the file is empty)'],
    ['the binary plan', () => write('a.json', 'PK\u0003\u0004binary'), 'this is a binary plan file'],
    [
      'a state',
      () => write('a.json', JSON.stringify({ format_version: '1.0', values: {} })),
      'this is a state, not a plan',
    ],
    ['another JSON', () => write('a.json', '{"hello": 1}'), 'not a Terraform plan (no format_version)'],
    [
      'format 2.0',
      () => write('a.json', JSON.stringify({ ...plan, format_version: '2.0' })),
      'unsupported plan format_version "2.0"',
    ],
    [
      'a change without actions',
      () =>
        write(
          'a.json',
          JSON.stringify({
            ...plan,
            resource_changes: [
              { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', change: {} },
            ],
          }),
        ),
      'resource_changes[0] (aws_s3_bucket.b): change.actions must be a non-empty list of strings',
    ],
  ])(
    '%s: exit 1, a message naming the file, nothing on stdout, no stack trace',
    (_what, makeFile, message) => {
      const file = makeFile();
      const out = planSummary([file]);
      expect(out.exitCode).toBe(1);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain(`plan-summary: ${file}: `);
      expect(out.stderr).toContain(message);
      expect(out.stderr).not.toMatch(NO_STACK_TRACE);
    },
  );

  it('prints no summary when one of several files is unreadable, and names every bad file', () => {
    const bad = write('prod-data.json', 'nope');
    const missing = path.join(work.dir, 'prod-edge.json');
    const out = planSummary([fixture('dev-network.plan.json'), bad, missing]);
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`${bad}: not JSON`);
    expect(out.stderr).toContain(`${missing}: cannot read the plan`);
  });

  it('refuses an unknown option and no file, with the usage', () => {
    const unknown = planSummary(['--allow-destruction', fixture('dev-network.plan.json')]);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain("Unknown option '--allow-destruction'");
    expect(unknown.stderr).toContain('usage: npm run --silent plan-summary');
    expect(planSummary([]).stderr).toContain('no plan file given');
  });

  it('warns when Terraform reported errors while planning', () => {
    const file = write('dev-network.json', JSON.stringify({ ...plan, errored: true }));
    const out = planSummary([file]);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('dev-network: Terraform reported errors while planning');
  });
});

describe('summarizePlan', () => {
  function change(address: string, actions: string[], extra: Record<string, unknown> = {}) {
    const [type, name] = address.split('.');
    return { address, mode: 'managed', type, name, change: { actions }, ...extra };
  }

  it('counts every documented action combination and flags only deletes and replaces of stateful types', () => {
    const plan: PlanJson = {
      format_version: '1.2',
      resource_changes: [
        change('aws_s3_bucket.a', ['no-op']),
        change('aws_s3_bucket.b', ['create']),
        change('aws_s3_bucket.c', ['update']),
        change('aws_s3_bucket.d', ['delete', 'create']),
        change('aws_s3_bucket.e', ['create', 'delete']),
        change('aws_s3_bucket.f', ['delete']),
        change('aws_s3_bucket.g', ['forget']),
        change('aws_s3_bucket.h', ['create', 'forget']),
        change('aws_s3_bucket.i', ['delete'], { deposed: '00000001' }),
        change('aws_sns_topic.j', ['delete']),
        { ...change('aws_s3_bucket.k', ['read']), mode: 'data', address: 'data.aws_s3_bucket.k' },
        change('aws_s3_bucket.l', ['no-op'], { previous_address: 'aws_s3_bucket.old' }),
        change('aws_s3_bucket.m', ['no-op'], { change: { actions: ['no-op'], importing: { id: 'm' } } }),
      ],
    };
    const summary = summarizePlan('prod-edge', 'x.json', plan);
    expect(summary.counts).toEqual({
      create: 1,
      update: 1,
      replace: 3,
      destroy: 3,
      forget: 1,
      move: 1,
      import: 1,
      'no-op': 1,
      read: 1,
      other: 0,
    });
    expect(summary.dangers.map((d) => [d.resource, d.change])).toEqual([
      ['`aws_s3_bucket.d`', 'replace (destroy, then create)'],
      ['`aws_s3_bucket.e`', 'replace (create, then destroy)'],
      ['`aws_s3_bucket.f`', 'destroy'],
      ['`aws_s3_bucket.h`', 'replace (new object created, old one forgotten)'],
      ['`aws_s3_bucket.i`', 'destroy (deposed object 00000001)'],
    ]);
  });

  it('shows sensitive and unknown replace paths without their values', () => {
    const plan: PlanJson = {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'aws_db_instance.db',
          mode: 'managed',
          type: 'aws_db_instance',
          name: 'db',
          action_reason: 'replace_because_a_future_reason',
          change: {
            actions: ['delete', 'create'],
            before: { username: 'admin', kms_key_id: 'arn:old' },
            after: { username: 'root' },
            after_unknown: { kms_key_id: true },
            before_sensitive: { username: true },
            after_sensitive: { username: true },
            replace_paths: [['username'], ['kms_key_id']],
          },
        },
      ],
    };
    const [danger] = summarizePlan('prod-data', 'x.json', plan).dangers;
    expect(danger.why).toContain('`username`: (sensitive) → (sensitive)');
    expect(danger.why).toContain('`kms_key_id`: "arn:old" → (known after apply)');
    expect(danger.why).toContain('`replace_because_a_future_reason`');
    expect(danger.why).not.toContain('admin');
  });

  it('cuts a long list and points at the plan artifact', () => {
    const plan = JSON.parse(readFileSync(fixture('dev-network.plan.json'), 'utf8'));
    const creates = Array.from({ length: 60 }, (_, i) => change(`aws_route.r${i}`, ['create']));
    const { dir, remove } = tempDir('plan-summary-long');
    try {
      const file = path.join(dir, 'dev-network.json');
      writeFileSync(file, JSON.stringify({ ...plan, resource_changes: creates }));
      const lines = listUnder(planSummary([file]).stdout, 'dev-network', 'Create');
      expect(lines).toHaveLength(51);
      expect(lines[50]).toBe('- …and 10 more (see the plan artifact `plan-dev-network`)');
    } finally {
      remove();
    }
  });
});
