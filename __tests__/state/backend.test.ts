import { S3Backend, Testing, TerraformStack } from 'cdktf';
import { stateKey, stateKeyAliasOf, useS3Backend } from '../../lib/state';

describe('stateKey', () => {
  it('is <env>/<layer>.tfstate', () => {
    expect(stateKey('prod', 'network')).toBe('prod/network.tfstate');
    expect(stateKey('dev', 'service')).toBe('dev/service.tfstate');
  });

  it('gives every layer of every environment its own key', () => {
    const keys = ['dev', 'prod'].flatMap((env) => ['network', 'data'].map((layer) => stateKey(env, layer)));
    expect(new Set(keys).size).toBe(4);
  });
});

describe('stateKeyAliasOf', () => {
  it('is the alias the state bucket key gets: alias/<bucket>', () => {
    expect(stateKeyAliasOf('platform-tfstate-222222222222')).toBe('alias/platform-tfstate-222222222222');
  });
});

describe('useS3Backend', () => {
  const stack = new TerraformStack(Testing.app(), 'prod-network');
  const backend = useS3Backend(stack, {
    bucket: 'platform-tfstate-222222222222',
    region: 'eu-west-1',
    key: stateKey('prod', 'network'),
  });
  const doc = JSON.parse(Testing.synth(stack)) as {
    terraform: { backend: Record<string, Record<string, unknown>> };
  };

  it('is the S3 backend of the stack', () => {
    expect(backend).toBeInstanceOf(S3Backend);
    expect(Object.keys(doc.terraform.backend)).toEqual(['s3']);
  });

  it('writes bucket, key and region, encrypted with the state key, with an S3 lock file', () => {
    expect(doc.terraform.backend.s3).toEqual({
      bucket: 'platform-tfstate-222222222222',
      key: 'prod/network.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'alias/platform-tfstate-222222222222',
      use_lockfile: true,
    });
  });

  it('uses no DynamoDB lock table', () => {
    expect(doc.terraform.backend.s3).not.toHaveProperty('dynamodb_table');
  });
});
