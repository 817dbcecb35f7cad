import { accountNameOf, namePrefixOf, stateBackendOf } from '../../config/derived';
import { EnvironmentConfig } from '../../config/schema';
import { NAME_RULES, NameKind, nameViolation, resourceName } from '../../lib/naming';
import { baseInput, validateData, withFields } from './fixtures';

/** The longest names the schema lets a config give. */
const longest = validateData(
  withFields(baseInput(), {
    name: `e${'1'.repeat(15)}`,
    project: `p${'9'.repeat(19)}`,
    'account.id': '999999999999',
    'account.alias': `a${'z'.repeat(19)}`,
  }),
  'config/environments/e111111111111111.yaml',
);

describe('names the config produces', () => {
  it('the longest valid names are accepted', () => {
    expect(longest.issues).toEqual([]);
  });

  const config = longest.config as EnvironmentConfig;

  it('the default state bucket is a valid S3 bucket name', () => {
    const { bucket } = stateBackendOf(config);
    expect(bucket).toBe(`p${'9'.repeat(19)}-tfstate-999999999999`);
    expect(nameViolation('s3Bucket', bucket)).toBeUndefined();
  });

  it.each(Object.keys(NAME_RULES) as NameKind[])('%s names built from them are valid', (kind) => {
    const name = resourceName(kind, namePrefixOf(config), 'a-service-name', 'blue');
    expect(nameViolation(kind, name)).toBeUndefined();
  });

  it('the bootstrap stack name uses the alias, or else the account id', () => {
    expect(accountNameOf(config)).toBe(`a${'z'.repeat(19)}`);
    const noAlias = validateData(baseInput()).config as EnvironmentConfig;
    expect(accountNameOf(noAlias)).toBe('111111111111');
  });
});
