import { list, policyOf, ref, statement } from '../support/synth';
import { all, named, only, primary, synthDatabase } from './synth-database';

const APP_SG = 'sg-0aaaaaaaaaaaaaaa1';
const MIGRATIONS_SG = 'sg-0ccccccccccccccc3';

describe('PostgresDatabase with an RDS Proxy', () => {
  const { json, database } = synthDatabase({ proxy: {}, directAccessSecurityGroupIds: [MIGRATIONS_SG] });
  const [instanceName] = primary(json);
  const [proxyName, proxy] = only(json, 'aws_db_proxy');
  const [keyName] = only(json, 'aws_kms_key');
  const [dbSgName] = named(json, 'aws_security_group', 'db_security-group');
  const [proxySgName, proxySg] = named(json, 'aws_security_group', 'proxy_security-group');
  const secretArn = `\${aws_db_instance.${instanceName}.master_user_secret[0].secret_arn}`;

  test('requires TLS, pools PostgreSQL connections and logs in with the RDS-managed master secret', () => {
    expect(proxy).toMatchObject({
      name: 'platform-prod-db-proxy',
      engine_family: 'POSTGRESQL',
      require_tls: true,
      debug_logging: false,
      idle_client_timeout: 1800,
      vpc_subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      vpc_security_group_ids: [ref('aws_security_group', proxySgName)],
      auth: [
        expect.objectContaining({
          auth_scheme: 'SECRETS',
          secret_arn: secretArn,
          iam_auth: 'REQUIRED',
          client_password_auth_type: 'POSTGRES_SCRAM_SHA_256',
        }),
      ],
    });
  });

  test('its role is assumed by RDS of this account only and reads exactly that secret, decrypting it through Secrets Manager', () => {
    const [roleName, role] = named(json, 'aws_iam_role', 'proxy_role');
    expect(proxy.role_arn).toBe(ref('aws_iam_role', roleName, 'arn'));
    const trust = statement(policyOf(role, 'assume_role_policy'), 'RdsProxyAssumesRole');
    expect(trust.Principal).toEqual({ Service: 'rds.amazonaws.com' });
    expect(trust.Condition?.StringEquals['aws:SourceAccount']).toMatch(/^\$\{data\.aws_caller_identity\./);

    const [policyName, rolePolicy] = only(json, 'aws_iam_role_policy');
    expect(rolePolicy.role).toBe(ref('aws_iam_role', roleName));
    const policy = policyOf(rolePolicy);
    expect(statement(policy, 'ReadTheDatabaseSecret')).toMatchObject({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: secretArn,
    });
    const decrypt = statement(policy, 'DecryptTheSecretThroughSecretsManager');
    expect(decrypt).toMatchObject({ Action: 'kms:Decrypt', Resource: ref('aws_kms_key', keyName, 'arn') });
    expect(decrypt.Condition?.StringEquals['kms:ViaService']).toMatch(
      /^secretsmanager\.\$\{data\.aws_region\./,
    );
    for (const s of policy.Statement) expect(list(s.Resource)).not.toContain('*');
    expect(proxy.depends_on).toEqual([`aws_iam_role_policy.${policyName}`]);
  });

  test('pools up to 90 % of max_connections, keeping 50 % idle, and registers the instance', () => {
    const [groupName, group] = only(json, 'aws_db_proxy_default_target_group');
    expect(group).toMatchObject({
      db_proxy_name: ref('aws_db_proxy', proxyName, 'name'),
      connection_pool_config: {
        max_connections_percent: 90,
        max_idle_connections_percent: 50,
        connection_borrow_timeout: 120,
      },
    });
    expect(only(json, 'aws_db_proxy_target')[1]).toEqual({
      db_proxy_name: ref('aws_db_proxy', proxyName, 'name'),
      target_group_name: ref('aws_db_proxy_default_target_group', groupName, 'name'),
      db_instance_identifier: ref('aws_db_instance', instanceName, 'identifier'),
    });
  });

  test('the proxy admits the application groups; the database admits the proxy and the direct-access groups only', () => {
    const ingress = all(json, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r);
    const into = (sg: string) =>
      ingress
        .filter((r) => r.security_group_id === ref('aws_security_group', sg))
        .map((r) => r.referenced_security_group_id)
        .sort();
    expect(into(proxySgName)).toEqual([APP_SG]);
    expect(into(dbSgName)).toEqual([ref('aws_security_group', proxySgName), MIGRATIONS_SG].sort());
    for (const rule of ingress)
      expect(rule).toMatchObject({ ip_protocol: 'tcp', from_port: 5432, to_port: 5432 });
    expect(proxySg).not.toHaveProperty('egress');
  });

  test('the proxy may only connect out to the database, on 5432', () => {
    expect(all(json, 'aws_vpc_security_group_egress_rule').map(([, r]) => r)).toEqual([
      expect.objectContaining({
        security_group_id: ref('aws_security_group', proxySgName),
        referenced_security_group_id: ref('aws_security_group', dbSgName),
        ip_protocol: 'tcp',
        from_port: 5432,
        to_port: 5432,
      }),
    ]);
  });

  test('applications use the proxy: connectionHost, clientSecurityGroup and allowConnectionsFrom point at it', () => {
    expect(database.proxy).toBeDefined();
    expect(database.connectionHost).toBe(database.proxy?.endpoint);
    expect(database.clientSecurityGroup).toBe(database.proxy?.securityGroup);
    const extended = synthDatabase({ proxy: {} }, (db) =>
      db.allowConnectionsFrom('worker', 'sg-0ddddddddddddddd4'),
    );
    const [sgName] = named(extended.json, 'aws_security_group', 'proxy_security-group');
    const rule = all(extended.json, 'aws_vpc_security_group_ingress_rule').find(([name]) =>
      name.includes('allow-worker'),
    );
    expect(rule?.[1]).toMatchObject({
      security_group_id: ref('aws_security_group', sgName),
      referenced_security_group_id: 'sg-0ddddddddddddddd4',
    });
  });
});

describe('RDS Proxy options', () => {
  test('pool settings, idle timeout and password authentication pass through', () => {
    const { json } = synthDatabase({
      proxy: {
        iamAuth: false,
        idleClientTimeoutSeconds: 600,
        maxConnectionsPercent: 75,
        maxIdleConnectionsPercent: 10,
        connectionBorrowTimeoutSeconds: 30,
      },
    });
    const proxy = only(json, 'aws_db_proxy')[1];
    expect(proxy.idle_client_timeout).toBe(600);
    expect((proxy.auth as { iam_auth: string }[])[0].iam_auth).toBe('DISABLED');
    expect(only(json, 'aws_db_proxy_default_target_group')[1].connection_pool_config).toEqual({
      max_connections_percent: 75,
      max_idle_connections_percent: 10,
      connection_borrow_timeout: 30,
    });
  });

  test('enabled: false creates no proxy and admits the application groups to the database directly', () => {
    const { json, database } = synthDatabase({ proxy: { enabled: false } });
    expect(all(json, 'aws_db_proxy')).toEqual([]);
    expect(database.proxy).toBeUndefined();
    expect(
      all(json, 'aws_vpc_security_group_ingress_rule').map(([, r]) => r.referenced_security_group_id),
    ).toEqual([APP_SG]);
  });
});
