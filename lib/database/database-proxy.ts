import { DbProxy } from '@cdktf/provider-aws/lib/db-proxy';
import { DbProxyDefaultTargetGroup } from '@cdktf/provider-aws/lib/db-proxy-default-target-group';
import { DbProxyTarget } from '@cdktf/provider-aws/lib/db-proxy-target';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { awsContext } from '../core/aws-context';
import { resourceName } from '../naming';
import { policyDocument } from '../security/policy-document';
import { ResolvedProxyOptions } from './postgres-database-props';
import { PROXY_SUFFIX } from './postgres-database-validation';
import { ingressRuleId, POSTGRES_PORT, postgresIngress } from './postgres-ingress';

/** Props of {@link DatabaseProxy}. */
export interface DatabaseProxyProps {
  /** Identifier of the database behind the proxy; the proxy is `<identifier>-proxy`. */
  readonly identifier: string;
  /** The VPC of the database. */
  readonly vpcId: string;
  /** Subnets of the proxy's endpoint: the database's. */
  readonly subnetIds: readonly string[];
  /** Security groups admitted to the proxy on 5432. */
  readonly clientSecurityGroupIds: readonly string[];
  /** The database's security group, which admits the proxy. */
  readonly databaseSecurityGroupId: string;
  /** The DB instance the proxy forwards to (its identifier attribute, so the target waits for it). */
  readonly dbInstanceIdentifier: string;
  /** ARN of the Secrets Manager secret the proxy logs in with: the instance's RDS-managed master secret. */
  readonly secretArn: string;
  /** ARN of the KMS key encrypting that secret. */
  readonly secretKmsKeyArn: string;
  /** Pooling and authentication settings. */
  readonly options: ResolvedProxyOptions;
}

/**
 * RDS Proxy in front of one PostgreSQL instance: it pools connections, so many short-lived
 * application connections share a few database connections, and it keeps clients connected through
 * a failover. Clients must use TLS; the proxy logs in to the database with the RDS-managed master
 * secret, which its role may read and decrypt, and nothing else.
 */
export class DatabaseProxy extends Construct {
  /** The proxy's security group: 5432 in from the client groups, 5432 out to the database only. */
  readonly securityGroup: SecurityGroup;
  /** Ingress rules of the proxy's group, one per client group. */
  readonly clientIngressRules: VpcSecurityGroupIngressRule[];
  /** The rule admitting the proxy to the database's group. */
  readonly databaseIngressRule: VpcSecurityGroupIngressRule;
  /** The proxy's only egress: 5432 to the database's group. */
  readonly egressRule: VpcSecurityGroupEgressRule;
  /** The role the proxy assumes to read the secret. */
  readonly role: IamRole;
  /** The role's policy: that one secret, and decrypting it through Secrets Manager. */
  readonly rolePolicy: IamRolePolicy;
  /** The proxy. */
  readonly proxy: DbProxy;
  /** The pool settings (the default target group). */
  readonly defaultTargetGroup: DbProxyDefaultTargetGroup;
  /** The instance registered behind the proxy. */
  readonly target: DbProxyTarget;
  /** Read/write endpoint applications connect to, port 5432. */
  readonly endpoint: string;
  /** ARN of the proxy; its resource id (`prx-...`) is what `rds-db:connect` policies name. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: DatabaseProxyProps) {
    super(scope, id);
    const aws = awsContext(this);
    const name = resourceName('rdsProxy', props.identifier, PROXY_SUFFIX);

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: resourceName('securityGroup', name),
      description: `RDS Proxy ${name}: PostgreSQL from the application groups`,
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    this.clientIngressRules = props.clientSecurityGroupIds.map((groupId, i) =>
      postgresIngress(this, ingressRuleId('client', groupId, i), {
        securityGroupId: this.securityGroup.id,
        sourceSecurityGroupId: groupId,
        description: `PostgreSQL clients of ${name}`,
      }),
    );
    this.egressRule = new VpcSecurityGroupEgressRule(this, 'to-database', {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: props.databaseSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: POSTGRES_PORT,
      toPort: POSTGRES_PORT,
      description: `${name} to ${props.identifier}`,
    });
    this.databaseIngressRule = postgresIngress(this, 'database-from-proxy', {
      securityGroupId: props.databaseSecurityGroupId,
      sourceSecurityGroupId: this.securityGroup.id,
      description: `RDS Proxy ${name}`,
    });

    const roleName = resourceName('iamRole', name);
    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `RDS Proxy ${name} reads the database secret`,
      assumeRolePolicy: policyDocument([
        {
          Sid: 'RdsProxyAssumesRole',
          Effect: 'Allow',
          Principal: { Service: 'rds.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': aws.accountId } },
        },
      ]),
      tags: { Name: roleName },
    });
    this.rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: resourceName('iamPolicy', name, 'secret'),
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'ReadTheDatabaseSecret',
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: props.secretArn,
        },
        {
          Sid: 'DecryptTheSecretThroughSecretsManager',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: props.secretKmsKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${aws.region}.${aws.dnsSuffix}` } },
        },
      ]),
    });

    this.proxy = new DbProxy(this, 'proxy', {
      name,
      engineFamily: 'POSTGRESQL',
      requireTls: true,
      // Debug logging writes SQL text, and so any data in it, to CloudWatch: never on by default.
      debugLogging: false,
      idleClientTimeout: props.options.idleClientTimeoutSeconds,
      roleArn: this.role.arn,
      vpcSubnetIds: [...props.subnetIds],
      vpcSecurityGroupIds: [this.securityGroup.id],
      auth: [
        {
          authScheme: 'SECRETS',
          description: `master user of ${props.identifier}, RDS-managed`,
          secretArn: props.secretArn,
          iamAuth: props.options.iamAuth ? 'REQUIRED' : 'DISABLED',
          clientPasswordAuthType: 'POSTGRES_SCRAM_SHA_256',
        },
      ],
      tags: { Name: name },
      // The proxy reads the secret as soon as it exists: its role must already allow that.
      dependsOn: [this.rolePolicy],
    });

    this.defaultTargetGroup = new DbProxyDefaultTargetGroup(this, 'target-group', {
      dbProxyName: this.proxy.name,
      connectionPoolConfig: {
        maxConnectionsPercent: props.options.maxConnectionsPercent,
        maxIdleConnectionsPercent: props.options.maxIdleConnectionsPercent,
        connectionBorrowTimeout: props.options.connectionBorrowTimeoutSeconds,
      },
    });
    this.target = new DbProxyTarget(this, 'target', {
      dbProxyName: this.proxy.name,
      targetGroupName: this.defaultTargetGroup.name,
      dbInstanceIdentifier: props.dbInstanceIdentifier,
    });
    this.endpoint = this.proxy.endpoint;
    this.arn = this.proxy.arn;
  }
}
