// Whose page made a request ("what pages and embeds cannot do",
// docs/privacy-and-trust.md): a failed request to a service's host
// is evidence about the service only when a page of that same service made
// it. A page of another site can embed the service's resources (iframes,
// images, fetches to an unresolvable subdomain) and make them fail at will;
// those failures must not count for the service.
import { catalogIdForHost } from './serviceId.ts';

/** What the browser says about a request's origin (Chrome and Firefox name it differently). */
export interface RequestOrigin {
  /** `main_frame` for a top-level navigation, else the resource type. */
  type: string;
  /** Firefox: the URL of the document the resource loads into (a frame's parent, for a frame). */
  documentUrl?: string;
  /** Chrome: the origin of the document that made the request (`"null"` when opaque). */
  initiator?: string;
  /** Firefox: the URL of the resource that made the request. */
  originUrl?: string;
  /** The URL of the request's tab, asked for only when the browser names no document. */
  tabUrl?: string;
}

/** The catalog service whose page `url` is, if any (only http(s) pages are pages). */
export function serviceOfPage(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? catalogIdForHost(hostname) : undefined;
  } catch {
    return undefined;
  }
}

/** The document that made the request, as the browser names it (undefined when it names none). */
export function requestingDocument(origin: RequestOrigin): string | undefined {
  return origin.documentUrl ?? origin.initiator ?? origin.originUrl;
}

/**
 * Whether a request to one of `service`'s hosts may count for it: a
 * top-level navigation is the service's own page; any other request counts
 * only when the document that made it is a page of the same service, or, when
 * the browser names no document, when its tab shows one.
 */
export function requestSpeaksFor(service: string, origin: RequestOrigin): boolean {
  if (origin.type === 'main_frame') return true;
  const document = requestingDocument(origin);
  if (document !== undefined) return serviceOfPage(document) === service;
  return serviceOfPage(origin.tabUrl) === service;
}
