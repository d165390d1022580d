// Real parsers for what the site serves as XML: feedparser (a feed reader's
// parser) for Atom, and xmldom's strict DOMParser for SVG badges.
import { Readable } from 'node:stream';
import { DOMParser, onWarningStopParsing } from '@xmldom/xmldom';
import FeedParser from 'feedparser';

export interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Parses Atom as a feed reader does; rejects anything it cannot read as a feed. */
export function parseFeed(xml: string): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ resume_saxerror: false });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      let item: FeedParser.Item | null;
      while ((item = parser.read() as FeedParser.Item | null)) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta as FeedParser.Meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

/** Parses XML strictly: any error or warning throws. */
export function parseXml(text: string, type: 'image/svg+xml' | 'text/xml' = 'image/svg+xml'): Document {
  return new DOMParser({ onError: onWarningStopParsing }).parseFromString(text, type) as unknown as Document;
}
