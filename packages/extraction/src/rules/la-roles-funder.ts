import type { LaRoleRule } from './council-phrase.ts';

/** Statements that a council funds or commissions school improvement (or has outsourced it). */
export const FUNDER_RULES: readonly LaRoleRule[] = [
  {
    id: 'funded-by-council',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`(?<!(?<!\b(?:of|between|for)\s+(?:[\w-]+\s+)?)\b(?:schools?|academies|pupils|places)\s+(?:[\w-]+\s+){0,3})\b(?:funded|commissioned|grant[\s-]funded|financed|paid for|resourced|subsidised|contracted)\s+(?:\w+\s+){0,3}?by\s+(?:[^.;,]{0,40}?\s(?:and|together with)\s+)?{COUNCIL}`,
    examples: [
      'Every hub has its own lead, paid for jointly by member schools and the local authority.',
      'The partnership is funded by Riverton Council and by school subscriptions.',
    ],
    // A school's own budget comes from its council: that funds the school, not its improvement.
    counterExamples: ['Both schools would still be funded by the county council after the merger.'],
  },
  {
    id: 'council-funds',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`{COUNCIL}(?:['’]s)?\s+(?:has\s+|have\s+|will\s+|would\s+|is\s+)?(?:\w+\s+){0,2}?(?:part[\s-]|co-|jointly\s+)?(?:funds|commissions|commissioned|grant-funds|invests|invested|pays|contributed|allocated|outsourced|subsidises|subsidised)\b|{COUNCIL}\s+(?:is|are|was|were|has been|have been|will be)\s+(?:\w+\s+)?(?:investing|funding|subsidising|part-funding|co-funding)\s+(?:in\s+)?(?:the|a|an|its)\b|{COUNCIL}(?:['’]s)?\s+(?:\w+\s+){0,12}?(?:to commission|commissioning)\b`,
    examples: [
      'Northvale County Council commissions the partnership to deliver its statutory duties.',
      'The council’s role will change from providing services to commissioning them.',
      'Cabinet approved plans to commission teaching schools to support secondary schools.',
      'The county council part-funds the partnership.',
      'The local authority is investing in the new company for its first three years.',
    ],
    counterExamples: ['The council met on Tuesday.', 'The council funding for schools fell again.'],
  },
  {
    id: 'council-grant-or-contract',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`{COUNCIL}\s+(?:\w+\s+){0,2}?(?:provides?|provided|gives?|gave|awards?|awarded|pays?|paid|contributes?|contributed)\s+(?:an?\s+)?(?:annual\s+|yearly\s+|one-off\s+)?(?:grant|funding|£)|{COUNCIL}\s+(?:has\s+)?(?:renewed|awarded|extended|let|signed|re-?tendered)\s+(?:its\s+|a\s+|the\s+)?[^.;]{0,60}?\bcontract\b|\bholds?\s+the\s+(?:council|authority)['’]s\s+(?:\w+\s+){0,3}?contract|{COUNCIL}['’]s\s+(?:financial\s+|annual\s+|core\s+)?contribution\b|\bcontract\s+(?:between|with)\s+{COUNCIL}\s+and\b`,
    examples: [
      'The council’s contribution and school subscriptions secure the core service.',
      'A contract between the council and the Riverton hub school sets out what the grant buys.',
      'The council provides an annual grant of £100,000 to the partnership.',
      'Riverton City Council has renewed its contract with the alliance.',
      "The alliance holds the council's school improvement contract.",
      'The council has renewed the Riverton Schools Partnership’s (RSP’s) contract for two more years.',
    ],
  },
  {
    id: 'council-funding',
    label: 'funder',
    pattern: String.raw`\b(?:from|with|receives?|received|extra|additional|on)\s+(?:[\w£.,]+\s+){0,3}?(?:council|authority)\s+funding\b|\b(?:an?\s+)?(?:investment|funding|grant)\s+of\s+(?:up to\s+|around\s+|about\s+|over\s+)?£[\d,.]+\s*(?:k|m|million|bn|billion)?\b(?![^.;]{0,60}\bfrom\s+(?:the\s+)?(?:Department|DfE|Government|government|central|national|EEF|Education Endowment))|\b(?:council|authority)\s+funding\s+(?:for|of|to)\s+(?:the\s+)?(?:partnership|alliance|board|programme|schools)\b|\bfunding (?:from|by) {COUNCIL}|\b(?:funding|grants?|money|investment|contributions?|£[\d,.]+\s*(?:k|m|million)?)\b[^.;]{0,40}?\bfrom\s+{COUNCIL}|\b(?:commitment|agreed|decided) to fund\b|£[\d,.]+(?:\s*(?:k|m|million|bn|billion))?\s+(?:is|was|has been|will be|is being|had been|is to be)\s+(?:\w+\s+)?(?:ploughed|invested|pumped|put|allocated|set aside|earmarked|committed)\s+(?:in|into|to|for)\b|\b(?:a\s+)?(?:joint\s+)?commission(?:ing)?\s+from\s+{COUNCIL}|{COUNCIL}[^.;]{0,60}?\bto\s+(?:continue\s+to\s+)?(?:invest|fund)\s+in\b`,
    examples: [
      'Cabinet gave its approval to continue to invest in education services, including the partnership.',
      'The review was paid for through a joint commission from Northvale City Council and two trusts.',
      'The partnership operates from council funding.',
      'The programme began in 2015 with £2m of council funding.',
      'A report to the council’s cabinet proposes an investment of £1 million over three years.',
      'The council announced its commitment to fund the partnership.',
      'The board started with a grant of £50,000 from Northvale Council.',
      '£250,000 is being invested in a new school-led board for the Riverton City Council area.',
    ],
    counterExamples: [
      'The grant received by the local authority fell by a third.',
      'The council won a grant of £2m from the Department for Education.',
    ],
  },
  {
    id: 'on-behalf-of-council',
    label: 'funder',
    pattern: String.raw`\bon behalf of {COUNCIL}`,
    examples: ['services provided by the company on behalf of the Council'],
  },
  {
    id: 'council-appoints-provider',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`{COUNCIL}[^.;]{0,80}?\b(?:entered into|signed|awarded|let|agreed|approved)\s+(?:\w+\s+){0,3}?(?:agreement|contract)\b[^.;]{0,80}?\bto\s+(?:deliver|provide|run)\b|{COUNCIL}[^.;]{0,60}?\b(?:appoint\w*|select\w*|chose|choosing|procur\w*)\b[^.;]{0,80}?\bto\s+(?:deliver|provide|run)\s+(?:\w+\s+){0,4}?(?:services?|school improvement|support)\b`,
    examples: [
      'In 2010 the county council entered into an agreement with a national charity to deliver its school improvement service.',
      'The council’s cabinet approved appointing a private firm to deliver education support services.',
    ],
    counterExamples: ['The council appointed a new director of education.'],
  },
  {
    id: 'others-meet-council-duties',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`\b(?:is|are|was|were|will be)\s+(?:\w+\s+)?(?:meeting|fulfilling|delivering|discharging|carrying out)\s+(?:the\s+|its\s+)?(?:council|authority|local authority|LA|county council|city council|borough council)['’]s\s+(?:\w+\s+){0,3}?(?:duties|functions|responsibilities)\b`,
    examples: [
      'The review asked whether the partnership is meeting the council’s statutory duties for school improvement.',
    ],
  },
  {
    id: 'council-grant-support',
    label: 'funder',
    pattern: String.raw`{COUNCIL}[^.;]{0,80}?\bwith\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:grant|funding|subsidy)\b|\bpump[\s-]prim\w*`,
    examples: [
      'The county council backed each new partnership with a start-up grant.',
      'Riverton Council offered pump-priming money to new school partnerships.',
    ],
  },
  {
    id: 'outsourced',
    label: 'funder',
    excludes: ['deliverer'],
    statesAnEnd: true,
    pattern: String.raw`\b(?:outsourc|privatis|privatiz)\w*\s+(?:\w+\s+){0,3}?(?:school improvement|education services?|improvement functions?|improvement services?)|\boutsourced\s+(?:[\w-]+\s+){0,3}?contract|\b(?:transfer|transferred)\s+(?:some\s+of\s+)?(?:the\s+)?(?:council['’]s\s+)?(?:school\s+)?improvement functions\b|\b(?:school improvement|improvement|advisory|education)\s+(?:service|services|team|functions?)\s+(?:\w+\s+){0,2}?(?:transferred|moved|passed|was outsourced|were outsourced)\s+(?:\w+\s+){0,2}?to\b|\bjointly funded by\b[^.]{0,60}\b(?:councils|local authorities|authorities)\b|\b(?:tak(?:e|es|ing)|took|taken)\s+over\s+(?:the\s+|its\s+)?(?:council|authority|local authority|LA|county council|city council|borough council)['’]s\s+(?:\w+\s+){0,2}?(?:school improvement|improvement|advisory|education)\s+(?:functions?|services?|role|duties|work)\b|\b(?:took|taken|take|takes|taking)\s+over\s+(?:the\s+)?(?:management|running|delivery)\s+of\s+(?:\w+\s+){0,5}?(?:education|school improvement|schools?)\s+services\b[^.;]{0,40}?\b(?:of|provided by|for)\s+{COUNCIL}`,
    examples: [
      'A private firm has taken over the running of the education services of Northvale Borough Council.',
      'The county outsourced its school improvement functions to a new body.',
      'The council’s school improvement service transferred to the new company in 2019.',
      'The work is jointly funded by three local authorities.',
      'The partnership prepared to take over the council’s school improvement function.',
    ],
  },
];
