import { StringConcat, Token } from 'cdktf';

/*
 * A drop-in for cdktf's private token resolver (cdktf/lib/tokens/private/resolve.js, `resolve`),
 * which every stack, element and token goes through. It is about a third of synth time, and most
 * of that is bookkeeping rather than resolving: for every value it visits (each key, string and
 * number of every resource) cdktf's version
 *   - builds the diagnostic path string `"/" + prefix.join("/")`, used only in error messages;
 *   - copies the path array (`prefix.concat`) for every object key and array element;
 *   - creates a context object with two closures and a post-processor, and a spread copy of its
 *     options, just to recurse one level down;
 *   - runs three regular expressions on every string, and one on every object key.
 *
 * This version does the same resolution, in the same order, with the same errors (same messages,
 * same paths), but:
 *   - keeps one path array per walk (push/pop) and builds the path string only to throw;
 *   - creates a context object only where cdktf hands one to other code (a token's `resolve`, the
 *     resolver's `resolveString`/`resolveList`/`resolveNumberList`/`resolveMap`, the fragments of
 *     a string with number tokens), with exactly the fields and behaviour of cdktf's. Plain objects
 *     and arrays are walked with the nearest such context instead of a copy of it: the copies
 *     only carry its four flags down, and nothing can change those while the walk below it runs;
 *   - skips each regular expression when the string lacks what every match must contain
 *     (`${TfToken[`, `#{TfToken[`, `&{TfToken[`, or for encoded numbers an `e` between number
 *     characters), and runs cdktf's own test otherwise.
 *
 * cdktf 0.21 is its last release, so the function this mirrors is frozen. The equality test
 * (__tests__/app/fast-synth.test.ts) synthesizes every bundled stack with and without it, and
 * checks tokens of every kind (references, functions, lists, maps, numbers, escapes, Lazy)
 * resolve alike. `DEBUG=1` runs cdktf's own resolver.
 */

/** The subset of cdktf's IResolveContext this file creates (same fields as cdktf's makeContext). */
interface ResolveContext {
  preparing: boolean;
  scope: unknown;
  suppressBraces?: boolean;
  ignoreEscapes?: boolean;
  warnEscapes?: boolean;
  iteratorContext?: string;
  registerPostProcessor(pp: PostProcessor): void;
  resolve(x: unknown): unknown;
}
interface PostProcessor {
  postProcess(x: unknown, context: ResolveContext): unknown;
}
interface TokenResolver {
  resolveToken(
    t: unknown,
    context: ResolveContext,
    postProcessor: { postProcess(x: unknown): unknown },
  ): unknown;
  resolveString(fragments: Fragments, context: ResolveContext): unknown;
  resolveList(xs: unknown[], context: ResolveContext): unknown;
  resolveNumberList(xs: unknown[], context: ResolveContext): unknown;
  resolveMap(xs: object, context: ResolveContext): unknown;
}
interface Fragments {
  mapTokens(context: ResolveContext): { join(concat: StringConcat): unknown };
}
/** cdktf's resolve options (IResolveOptions). */
export interface ResolveOptions {
  scope: unknown;
  preparing: boolean;
  resolver: TokenResolver;
  prefix?: string[];
  previousContext?: ResolveContext;
}
interface TokenStringClass {
  forString(s: unknown, includeEscapes?: boolean, warnEscapes?: boolean): TokenStringLike;
  forListToken(s: unknown): TokenStringLike;
  forNumbers(s: unknown): TokenStringLike;
  forMapToken(s: unknown): TokenStringLike;
}
interface TokenStringLike {
  test(): boolean;
  split(lookup: (id: string) => unknown): Fragments;
}

/* eslint-disable @typescript-eslint/no-require-imports -- cdktf's private modules, by deep path */
const encoding = require('cdktf/lib/tokens/private/encoding') as {
  TokenString: TokenStringClass;
  containsNumberListTokenElement(xs: unknown[]): boolean;
};
const tokenMap = (
  require('cdktf/lib/tokens/private/token-map') as {
    TokenMap: {
      instance(): { lookupToken(id: string): unknown; lookupNumberToken(x: number): unknown };
    };
  }
).TokenMap.instance();
const errors = require('cdktf/lib/errors') as Record<string, (...args: unknown[]) => Error>;
/* eslint-enable @typescript-eslint/no-require-imports */

const TokenString = encoding.TokenString;
const lookupToken = (id: string) => tokenMap.lookupToken(id);
const lookupNumberToken = (id: string) => tokenMap.lookupNumberToken(parseFloat(id));
const pathName = (path: readonly string[]) => '/' + path.join('/');

/** cdktf's `resolve(obj, options)`, without the per-value bookkeeping (see the top of this file). */
export function fastResolve(obj: unknown, options: ResolveOptions): unknown {
  return walk(obj, (options.prefix || []).slice(), options.previousContext, options);
}

/** cdktf's makeContext: a context for code outside the walk, at `path`, inheriting `previous`'s flags. */
function makeContext(
  options: ResolveOptions,
  previous: ResolveContext | undefined,
  path: readonly string[],
): [ResolveContext, { postProcess(x: unknown): unknown }] {
  const prefix = path.slice();
  let postProcessor: PostProcessor | undefined;
  const context: ResolveContext = {
    preparing: options.preparing,
    scope: options.scope,
    suppressBraces: previous?.suppressBraces,
    ignoreEscapes: previous?.ignoreEscapes,
    warnEscapes: previous?.warnEscapes,
    iteratorContext: previous?.iteratorContext,
    registerPostProcessor(pp) {
      postProcessor = pp;
    },
    resolve(x) {
      return walk(x, prefix.slice(), context, options);
    },
  };
  return [
    context,
    {
      postProcess(x) {
        return postProcessor ? postProcessor.postProcess(x, context) : x;
      },
    },
  ];
}

/** `path` is this walk's own: pushed and popped around each child, copied only into contexts. */
function walk(
  obj: unknown,
  path: string[],
  previous: ResolveContext | undefined,
  options: ResolveOptions,
): unknown {
  // protect against cyclic references by limiting depth (as cdktf does)
  if (path.length > 200) throw errors.unableToResolveCircularReference(pathName(path));
  if (obj === undefined) return undefined;
  if (obj === null) return null;
  if (typeof obj === 'function') throw errors.cannotResolveFunction(pathName(path), obj);

  if (typeof obj === 'string') return resolveString(obj, path, previous, options);

  if (typeof obj === 'number') {
    if (obj === Token.NUMBER_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarNumberContext();
    const token = tokenMap.lookupNumberToken(obj);
    return token === undefined ? obj : makeContext(options, previous, path)[0].resolve(token);
  }

  if (typeof obj !== 'object' || obj instanceof Date) return obj;

  if (Array.isArray(obj)) {
    if (obj.some(isListToken))
      return options.resolver.resolveList(obj, makeContext(options, previous, path)[0]);
    if (encoding.containsNumberListTokenElement(obj)) {
      return options.resolver.resolveNumberList(obj, makeContext(options, previous, path)[0]);
    }
    const result: unknown[] = [];
    for (let i = 0; i < obj.length; i++) {
      if (!(i in obj)) continue; // a hole: cdktf's map/filter drops it too
      path.push(`${i}`);
      const value = walk(obj[i], path, previous, options);
      path.pop();
      if (value !== undefined) result.push(value);
    }
    return result;
  }

  const keys = Object.keys(obj);
  if (keys.some(isMapTokenKey))
    return options.resolver.resolveMap(obj, makeContext(options, previous, path)[0]);

  // a token (has a resolve method)
  if (typeof (obj as { resolve?: unknown }).resolve === 'function') {
    const [context, postProcessor] = makeContext(options, previous, path);
    return options.resolver.resolveToken(obj, context, postProcessor);
  }

  const maybeConstruct = obj as { _children?: unknown; _metadata?: unknown };
  if (maybeConstruct._children !== undefined && maybeConstruct._metadata !== undefined) {
    throw errors.constructsCannotBeResolved(pathName(path));
  }

  const record = obj as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const resolvedKey = resolveString(key, path, previous, options);
    if (typeof resolvedKey !== 'string')
      throw errors.mapKeyMustResolveToString(pathName(path), key, resolvedKey);
    path.push(key);
    const value = walk(record[key], path, previous, options);
    path.pop();
    if (value === undefined) continue;
    result[resolvedKey] = value;
  }
  return result;
}

/** The string branch of cdktf's resolve. */
function resolveString(
  obj: string,
  path: string[],
  previous: ResolveContext | undefined,
  options: ResolveOptions,
): unknown {
  if (path.length > 200) throw errors.unableToResolveCircularReference(pathName(path));
  if (isListToken(obj)) throw errors.encodedListTokenInScalarStringContext();
  if (obj === Token.STRING_MAP_TOKEN_VALUE || obj === Token.ANY_MAP_TOKEN_VALUE) {
    throw errors.encodedMapTokenInScalarStringContext();
  }
  let str: unknown = obj;
  if (obj.includes('${TfToken[')) {
    const tokenStr = TokenString.forString(obj, !previous?.ignoreEscapes, previous?.warnEscapes);
    if (tokenStr.test()) {
      const fragments = tokenStr.split(lookupToken);
      str = options.resolver.resolveString(fragments, makeContext(options, previous, path)[0]);
    }
  }
  // replace concatenated token numbers
  if (typeof str !== 'string' || mayHoldNumberToken(str)) {
    const tokenNumberStr = TokenString.forNumbers(str);
    if (tokenNumberStr.test()) {
      const fragments = tokenNumberStr.split(lookupNumberToken);
      str = fragments.mapTokens(makeContext(options, previous, path)[0]).join(new StringConcat());
    }
  }
  return str;
}

const NUMBER_BEFORE_E = /[-|\d.+]/;
const NUMBER_AFTER_E = /[-|\d.eE+]/;
/**
 * Whether cdktf's number-token expression (`[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`) can match `str`:
 * exactly when some "e" has one of `-|0-9.+` just before it and one of `-|0-9.eE+` just after.
 * Checked at each "e" instead of by the expression, which backtracks through every run of digits.
 */
function mayHoldNumberToken(str: string): boolean {
  for (let i = str.indexOf('e', 1); i !== -1 && i < str.length - 1; i = str.indexOf('e', i + 1)) {
    if (NUMBER_BEFORE_E.test(str[i - 1]) && NUMBER_AFTER_E.test(str[i + 1])) return true;
  }
  return false;
}

function isListToken(x: unknown): boolean {
  return typeof x === 'string' && x.includes('#{TfToken[') && TokenString.forListToken(x).test();
}

function isMapTokenKey(key: string): boolean {
  return key.includes('&{TfToken[') && TokenString.forMapToken(key).test();
}
