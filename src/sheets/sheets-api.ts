/**
 * The Sheets advanced service (Sheets API v4, enabled in appsscript.json as `Sheets`): the one place
 * the program calls it. SpreadsheetApp reads rectangles, so rows scattered over a long sheet cost the
 * rows between them; `spreadsheets.values.batchGet` reads many small ranges in one request, so they
 * cost only their own cells. When the service is missing (not enabled in the project) or a request
 * fails (the API's per-minute quota, a hiccup), the answer is null and the caller reads as before.
 * The API reads what Google holds: writes SpreadsheetApp still keeps back in this execution may not
 * be in it, so it reads before an action writes (as every desk action does), never after.
 */

export type ApiValue = string | number | boolean;

/**
 * The ranges of one request ride in its URL (`ranges=…` per range, percent-encoded: a Kazakh sheet
 * name is six characters a letter): requests are kept under this many characters of ranges, well
 * below the 8 KB a URL may commonly have (an assumption: Google publishes no figure for the API).
 */
const MAX_QUERY_CHARS = 4_000;

/** A sheet name as A1 notation wants it in a range: in single quotes, a quote inside doubled. */
export function quotedSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Ranges grouped into requests of at most MAX_QUERY_CHARS characters of query each. */
export function requestsFor(ranges: readonly string[]): string[][] {
  const requests: string[][] = [];
  let size = 0;
  for (const range of ranges) {
    const chars = encodeURIComponent(range).length + '&ranges='.length;
    const last = requests[requests.length - 1];
    if (last && size + chars <= MAX_QUERY_CHARS) {
      last.push(range);
      size += chars;
    } else {
      requests.push([range]);
      size = chars;
    }
  }
  return requests;
}

/**
 * The values of each range (A1 with the sheet named) of this workbook, as rows of unformatted values
 * (numbers, booleans, text; dates as serial numbers), trailing blanks left out as the API leaves them.
 * One request per MAX_QUERY_CHARS of ranges, at most `maxRequests`; null when more would be needed,
 * when the service is not there, or when a request fails.
 */
export function batchGetValues(
  spreadsheetId: string,
  ranges: readonly string[],
  maxRequests = 2,
): ApiValue[][][] | null {
  if (ranges.length === 0) return [];
  // Not enabled in the manifest: the global is not defined at all (typeof does not throw).
  if (typeof Sheets === 'undefined') return null;
  const requests = requestsFor(ranges);
  if (requests.length > maxRequests) return null;
  const out: ApiValue[][][] = [];
  try {
    for (const part of requests) {
      const reply = Sheets.Spreadsheets.Values.batchGet(spreadsheetId, {
        ranges: part,
        valueRenderOption: 'UNFORMATTED_VALUE',
        dateTimeRenderOption: 'SERIAL_NUMBER',
      });
      const got = reply.valueRanges ?? [];
      for (let i = 0; i < part.length; i++) out.push((got[i]?.values ?? []) as ApiValue[][]);
    }
  } catch (e) {
    // The reader at the desk still gets her answer, the slower way; the log says why.
    console.warn(`Sheets.Spreadsheets.Values.batchGet: ${String((e as Error)?.message ?? e)}`);
    return null;
  }
  return out;
}
