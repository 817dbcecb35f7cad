import { Statement } from './synth';

/** A deny of every S3 action on the bucket and its objects, under `condition`. */
function denyEverything(bucketArn: string, sid: string, condition: Statement['Condition']): Statement {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: condition,
  };
}

/** The statement every SecureBucket policy opens with: no request without TLS. */
export function denyInsecureTransport(bucketArn: string): Statement {
  return denyEverything(bucketArn, 'DenyInsecureTransport', { Bool: { 'aws:SecureTransport': 'false' } });
}

/** The statement every SecureBucket policy has second: no request over TLS older than 1.2. */
export function denyTlsOlderThan12(bucketArn: string): Statement {
  return denyEverything(bucketArn, 'DenyTlsOlderThan12', { NumericLessThan: { 's3:TlsVersion': '1.2' } });
}
