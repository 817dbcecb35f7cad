import { Token } from 'cdktf';

/** The image a task runs: a repository and exactly one of a tag or a digest. */
export interface ContainerImage {
  /**
   * Repository, without tag or digest: an ECR URI (`222222222222.dkr.ecr.eu-west-1.amazonaws.com/platform-api`)
   * or `registry/path/name` (`ghcr.io/example-org/api`). Lowercase; a literal, not a reference.
   */
  readonly repository: string;
  /** Tag, e.g. `1.4.2` or a git SHA. Give a tag or a digest, not both. @default none */
  readonly tag?: string;
  /** Content digest, `sha256:<64 hex>`: the exact image, immune to a moved tag. @default none */
  readonly digest?: string;
}

/** A repository in Amazon ECR, parsed from its URI. */
export interface EcrRepository {
  /** Account that owns the repository. */
  readonly accountId: string;
  /** Region of the repository. */
  readonly region: string;
  /** Repository name, e.g. `platform-api` or `team/api`. */
  readonly name: string;
}

// Registry host (optional, with port), then path components as ECR and the Docker distribution
// spec define them: lowercase letters and digits, single `.`, `_` or `-` between them, `/` between components.
const HOST = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\\d{1,5})?';
const PATH = '[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*';
/** An image repository without tag or digest. */
export const IMAGE_REPOSITORY = new RegExp(`^(?:${HOST}/)?${PATH}$`);
/** A Docker tag: up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A content digest: `sha256:` and 64 lowercase hex digits. */
export const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Longest repository Docker accepts. */
export const MAX_REPOSITORY_LENGTH = 255;
const ECR_URI = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?\/(.+)$/;

/** The ECR repository of an image URI, or `undefined` for another registry. */
export function ecrRepositoryOf(repository: string): EcrRepository | undefined {
  const match = ECR_URI.exec(repository);
  return match ? { accountId: match[1], region: match[2], name: match[3] } : undefined;
}

/** What the task definition runs: `repository@digest` or `repository:tag`. */
export function imageReference(image: ContainerImage): string {
  return image.digest !== undefined
    ? `${image.repository}@${image.digest}`
    : `${image.repository}:${image.tag}`;
}

/**
 * What is wrong with an image, one line per problem (`image.<field>: …`); empty when nothing is.
 * `production` refuses the tag `latest`: it names no release, so a rollback or a new task could run
 * anything pushed since.
 */
export function imageProblems(image: ContainerImage | undefined, production: boolean): string[] {
  if (image === undefined || typeof image !== 'object') {
    return ['image: is required: { repository, tag } or { repository, digest }'];
  }
  const problems: string[] = [];
  const { repository, tag, digest } = image;
  if (typeof repository !== 'string' || Token.isUnresolved(repository)) {
    problems.push(
      `image.repository: must be a literal repository like 222222222222.dkr.ecr.eu-west-1.amazonaws.com/platform-api, got ${String(repository)}`,
    );
  } else if (/@|:[^/]*$/.test(repository.replace(/^[^/]*\//, ''))) {
    problems.push(
      `image.repository: '${repository}' carries a tag or digest; give the repository alone and put the rest in image.tag or image.digest`,
    );
  } else if (repository.length > MAX_REPOSITORY_LENGTH || !IMAGE_REPOSITORY.test(repository)) {
    problems.push(
      `image.repository: '${repository}' is not a repository (at most ${MAX_REPOSITORY_LENGTH} characters: [registry/]name, lowercase letters, digits, '.', '_', '-' and '/')`,
    );
  }
  if ((tag === undefined) === (digest === undefined)) {
    problems.push(
      tag === undefined
        ? 'image: give a tag (e.g. 1.4.2) or a digest (sha256:…); the image has neither'
        : 'image: give a tag or a digest, not both: the digest alone pins the image',
    );
  }
  if (tag !== undefined && !Token.isUnresolved(tag)) {
    if (!IMAGE_TAG.test(tag)) {
      problems.push(
        `image.tag: '${tag}' is not a tag (1-128 letters, digits, '_', '.', '-'; not starting with '.' or '-')`,
      );
    } else if (production && tag === 'latest') {
      problems.push(
        "image.tag: 'latest' is refused in production: it names no release, so a rollback or a new task could run anything pushed since; use a version, a git SHA or a digest",
      );
    }
  }
  if (digest !== undefined && !Token.isUnresolved(digest) && !IMAGE_DIGEST.test(digest)) {
    problems.push(`image.digest: '${digest}' is not sha256: followed by 64 lowercase hex digits`);
  }
  return problems;
}
