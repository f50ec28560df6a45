/**
 * Query parameters that identify a campaign or a click, never a page. Compared case-insensitively.
 * `ref` and `source` are not here: CMSs use them to address documents (`?ref=PL/2020/123`), so dropping them
 * could merge distinct pages.
 */
const TRACKING_PARAMS = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  '__hstc',
  '__hssc',
  '__hsfp',
  'hsctatracking',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  'rb_clickid',
  's_cid',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_'];

/** Whether a query parameter name (as written in the URL, possibly escaped) is a tracking parameter. */
export function isTrackingParam(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    name = rawName.toLowerCase();
  }
  return TRACKING_PARAMS.has(name) || TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix));
}
