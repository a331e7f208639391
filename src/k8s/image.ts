/**
 * Container image references, as distribution/reference (reference.go) parses them for the kubelet
 * (pkg/util/parsers/parsers.go), and the imagePullPolicy default of SetDefaults_Container
 * (pkg/apis/core/v1/defaults.go).
 */

/** distribution/reference reference.go: NameTotalLengthMax. */
export const IMAGE_NAME_TOTAL_LENGTH_MAX = 255;
/** distribution/reference errors (reference.go). */
export const ERR_REFERENCE_INVALID_FORMAT = 'invalid reference format';
export const ERR_NAME_CONTAINS_UPPERCASE = 'repository name must be lowercase';
export const ERR_NAME_EMPTY = 'repository name must have at least one component';
export const ERR_NAME_TOO_LONG = `repository name must not be more than ${IMAGE_NAME_TOTAL_LENGTH_MAX} characters`;

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]*)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const HOST_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN = `(?:${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*|${IPV6})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

export interface ImageReference {
  /** Repository with its domain as written (`nginx`, `ghcr.io/org/app`). */
  name: string;
  tag?: string;
  digest?: string;
}

export type ImageParseResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

export function parseImageReference(image: string): ImageParseResult {
  if (image.length === 0) return { ok: false, error: ERR_NAME_EMPTY };
  const m = REFERENCE.exec(image);
  if (!m) {
    // Upper case in the repository part has its own message in reference.go.
    const lowered = lowerRepository(image);
    if (lowered !== image && REFERENCE.test(lowered)) return { ok: false, error: ERR_NAME_CONTAINS_UPPERCASE };
    return { ok: false, error: ERR_REFERENCE_INVALID_FORMAT };
  }
  if (m[1]!.length > IMAGE_NAME_TOTAL_LENGTH_MAX) return { ok: false, error: ERR_NAME_TOO_LONG };
  return { ok: true, ref: { name: m[1]!, tag: m[2], digest: m[3] } };
}

/** Lower-case the path part but not the domain (which may legitimately hold capitals). */
function lowerRepository(image: string): string {
  const at = image.indexOf('@');
  const body = at >= 0 ? image.slice(0, at) : image;
  const rest = at >= 0 ? image.slice(at) : '';
  const slash = body.indexOf('/');
  const first = slash >= 0 ? body.slice(0, slash) : '';
  const looksLikeDomain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const domain = looksLikeDomain ? first + '/' : '';
  const path = looksLikeDomain ? body.slice(slash + 1) : body;
  const colon = path.lastIndexOf(':');
  const repo = colon >= 0 ? path.slice(0, colon) : path;
  const tag = colon >= 0 ? path.slice(colon) : '';
  return domain + repo.toLowerCase() + tag + rest;
}

/** The tag the kubelet pulls: the written tag, or `latest` when there is neither tag nor digest. */
export function effectiveTag(ref: ImageReference): string | undefined {
  if (ref.tag) return ref.tag;
  return ref.digest ? undefined : 'latest';
}

/**
 * SetDefaults_Container: Always when the tag is `latest` or there is neither tag nor digest,
 * else IfNotPresent. An unparsable image defaults as if it had no tag.
 */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const r = parseImageReference(image);
  if (!r.ok) return 'Always';
  return effectiveTag(r.ref) === 'latest' ? 'Always' : 'IfNotPresent';
}
