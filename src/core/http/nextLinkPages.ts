// Paging a listing of a Microsoft service (Graph's `@odata.nextLink`, Resource Manager's
// `nextLink`). The link is followed verbatim (the skip token is opaque) until it is absent. A link
// to another origin, or with a user name or password in it, is refused before it is requested, so
// the token cannot travel there even if the transport's origin binding were misconfigured; a
// repeated link, a page that repeats the one before it, or more than `maxPages` pages ends the
// listing with an error instead of a loop.
import type { ApiError } from './apiError';
import type { JsonRecord } from './json';
import type { MicrosoftService, ServiceErrorContext } from './serviceErrors';

/** One page of a listing: its records and the link to the next page, absent on the last one. */
export interface LinkedPage {
  values: JsonRecord[];
  nextLink?: string;
}

export interface NextLinkListing<P extends LinkedPage, C extends ServiceErrorContext> {
  /** The first page's URL, on `ctx.endpoint`. */
  url: string;
  ctx: C;
  errors: Pick<MicrosoftService<ApiError, C>, 'invalidAnswer' | 'foreignNextLink'>;
  maxPages: number;
  /** Reads the page at `url`: undefined when the answer holds no list. */
  read: (url: string) => Promise<P | undefined>;
  /** The first page when it was read elsewhere (a `$batch` answer); `url` is then not requested. */
  first?: P;
  /** What a page that repeats the one before it repeats, for the error: e.g. 'the page before it'. */
  repeated: string;
}

export async function* nextLinkPages<P extends LinkedPage, C extends ServiceErrorContext>(
  listing: NextLinkListing<P, C>,
): AsyncGenerator<P> {
  const { ctx, errors } = listing;
  const visited = new Set<string>();
  let url = listing.url;
  let first = listing.first;
  let previousIds = '';
  for (;;) {
    if (visited.size >= listing.maxPages)
      throw errors.invalidAnswer(ctx, `the listing goes on for more than ${listing.maxPages} pages`);
    visited.add(url);
    const page = first ?? (await listing.read(url));
    first = undefined;
    if (!page) throw errors.invalidAnswer(ctx, 'the answer has no "value" list');
    // A fresh link to the same records again is a loop the link check alone cannot see.
    const ids = page.values.map((v) => String(v['id'])).join('\n');
    if (ids !== '' && ids === previousIds) throw errors.invalidAnswer(ctx, `a page repeats ${listing.repeated}`);
    previousIds = ids;
    yield page;
    const next = page.nextLink;
    if (next === undefined) return;
    if (!staysOn(ctx.endpoint, next)) throw errors.foreignNextLink(next, ctx);
    if (visited.has(next)) throw errors.invalidAnswer(ctx, 'the next-page link repeats an earlier page');
    url = next;
  }
}

/** On the service's origin, and without a user name or password (a link is not where credentials come from). */
function staysOn(origin: string, link: string): boolean {
  try {
    const url = new URL(link);
    return url.origin === origin && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
