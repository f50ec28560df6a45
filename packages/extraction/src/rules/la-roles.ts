import type { LaRole } from '@abep/schemas';
import type { PhraseRule } from './rule.ts';

/**
 * A council as the text names it: "Riverton Borough Council", "the local authority", "the LEA", "the council",
 * "the county's …", or a place whose own school improvement service it is ("Riverton's advisory team").
 */
export const COUNCIL = String.raw`(?:(?:the\s+)?(?:Royal\s+Borough|London\s+Borough|City|County|Borough)\s+of\s+(?:[A-Z][\w'’&-]*\s*){1,4}|(?:the\s+)?(?:[A-Z][\w'’&-]*\s+(?:(?:and|upon|on|with)\s+)?){0,4}(?:City\s+|County\s+|Borough\s+|District\s+|Metropolitan\s+Borough\s+)?[Cc]ouncil(?:s)?|(?:the\s+)?local\s+(?:education\s+)?authorit(?:y|ies)|(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){0,3}(?:LA|LEA)\b|(?:[A-Z][\w'’&-]*\s+){1,3}(?:Education\s+)?Authority\b|[Tt]he\s+authority|(?:the\s+)?(?:two|three|four|five|both|neighbouring|partner)\s+(?:local\s+)?authorities\b|(?:the\s+)?(?:council['’]s\s+)?Cabinet\b|[Tt]he\s+(?:county|borough|city)(?=['’]s\s)|[A-Z][\w'’&-]*(?:\s+(?:and|upon|on)\s+[A-Z][\w'’&-]*|\s+[A-Z][\w'’&-]*){0,3}(?=['’]s\s+(?:school improvement|school effectiveness|education|learning and improvement|advisory|school support)\s+(?:service|services|team|department|advisers?|advisors?|function|functions)\b))`;

/**
 * Statements that an LA funds, convenes or itself delivers school improvement. `{COUNCIL}` is the council
 * phrase above; the LA it names (or the page's LA) is the one the role is attributed to.
 */
export interface LaRoleRule extends PhraseRule<LaRole> {
  /** On a council's own page the council is the speaker: the sentence need not name it. */
  ownPageSpeaks?: boolean;
  /** Roles a sentence matching this rule cannot also state (a council that outsourced does not deliver). */
  excludes?: readonly LaRole[];
  /** The phrasing itself says the council stopped doing something ("transferred"): not read as a negation. */
  statesAnEnd?: boolean;
}

export const LA_ROLE_RULES: readonly LaRoleRule[] = [
  {
    id: 'funded-by-council',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`(?<!(?<!\b(?:of|between|for)\s+(?:[\w-]+\s+)?)\b(?:schools?|academies|pupils|places)\s+(?:[\w-]+\s+){0,3})\b(?:funded|commissioned|grant[\s-]funded|financed|paid for|resourced|subsidised|contracted)\s+(?:\w+\s+){0,3}?by\s+{COUNCIL}`,
    examples: ['The partnership is funded by Riverton Council and by school subscriptions.'],
    // A school's own budget comes from its council: that funds the school, not its improvement.
    counterExamples: ['Both schools would still be funded by the county council after the merger.'],
  },
  {
    id: 'council-funds',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`{COUNCIL}(?:['’]s)?\s+(?:has\s+|have\s+|will\s+|would\s+|is\s+)?(?:\w+\s+){0,2}?(?:part[\s-]|co-|jointly\s+)?(?:funds|commissions|commissioned|grant-funds|invests|invested|pays|contributed|allocated|outsourced|subsidises|subsidised)\b|{COUNCIL}(?:['’]s)?\s+(?:\w+\s+){0,12}?(?:to commission|commissioning)\b`,
    examples: [
      'Northvale County Council commissions the partnership to deliver its statutory duties.',
      'The council’s role will change from providing services to commissioning them.',
      'Cabinet approved plans to commission teaching schools to support secondary schools.',
      'The county council part-funds the partnership.',
    ],
    counterExamples: ['The council met on Tuesday.'],
  },
  {
    id: 'council-grant-or-contract',
    label: 'funder',
    excludes: ['deliverer'],
    pattern: String.raw`{COUNCIL}\s+(?:\w+\s+){0,2}?(?:provides?|provided|gives?|gave|awards?|awarded|pays?|paid|contributes?|contributed)\s+(?:an?\s+)?(?:annual\s+|yearly\s+|one-off\s+)?(?:grant|funding|£)|{COUNCIL}\s+(?:has\s+)?(?:renewed|awarded|extended|let|signed|re-?tendered)\s+(?:its\s+|a\s+|the\s+)?[^.;]{0,60}?\bcontract\b|\bholds?\s+the\s+(?:council|authority)['’]s\s+(?:\w+\s+){0,3}?contract`,
    examples: [
      'The council provides an annual grant of £100,000 to the partnership.',
      'Riverton City Council has renewed its contract with the alliance.',
      "The alliance holds the council's school improvement contract.",
      'The council has renewed the Riverton Schools Partnership’s (RSP’s) contract for two more years.',
    ],
  },
  {
    id: 'council-funding',
    label: 'funder',
    pattern: String.raw`\b(?:from|with|receives?|received|extra|additional|on)\s+(?:\w+\s+)?(?:council|authority)\s+funding\b|\b(?:council|authority)\s+funding\s+(?:for|of|to)\s+(?:the\s+)?(?:partnership|alliance|board|programme|schools)\b|\bfunding (?:from|by) {COUNCIL}|\b(?:funding|grants?|money|investment|contributions?|£[\d,.]+\s*(?:k|m|million)?)\b[^.;]{0,40}?\bfrom\s+{COUNCIL}|\b(?:commitment|agreed|decided) to fund\b|£[\d,.]+(?:\s*(?:k|m|million|bn|billion))?\s+(?:is|was|has been|will be|is being|had been|is to be)\s+(?:\w+\s+)?(?:ploughed|invested|pumped|put|allocated|set aside|earmarked|committed)\s+(?:in|into|to|for)\b`,
    examples: [
      'The partnership operates from council funding.',
      'The council announced its commitment to fund the partnership.',
      'The board started with a grant of £50,000 from Northvale Council.',
      '£250,000 is being invested in a new school-led board for the Riverton City Council area.',
    ],
    counterExamples: ['The grant received by the local authority fell by a third.'],
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
    pattern: String.raw`\b(?:outsourc|privatis|privatiz)\w*\s+(?:\w+\s+){0,3}?(?:school improvement|education services?|improvement functions?|improvement services?)|\boutsourced\s+(?:[\w-]+\s+){0,3}?contract|\b(?:transfer|transferred)\s+(?:some\s+of\s+)?(?:the\s+)?(?:council['’]s\s+)?(?:school\s+)?improvement functions\b|\b(?:school improvement|improvement|advisory|education)\s+(?:service|services|team|functions?)\s+(?:\w+\s+){0,2}?(?:transferred|moved|passed|was outsourced|were outsourced)\s+(?:\w+\s+){0,2}?to\b|\bjointly funded by\b[^.]{0,60}\b(?:councils|local authorities|authorities)\b|\b(?:tak(?:e|es|ing)|took|taken)\s+over\s+(?:the\s+|its\s+)?(?:council|authority|local authority|LA|county council|city council|borough council)['’]s\s+(?:\w+\s+){0,2}?(?:school improvement|improvement|advisory|education)\s+(?:functions?|services?|role|duties|work)\b`,
    examples: [
      'The county outsourced its school improvement functions to a new body.',
      'The council’s school improvement service transferred to the new company in 2019.',
      'The work is jointly funded by three local authorities.',
      'The partnership prepared to take over the council’s school improvement function.',
    ],
  },
  {
    id: 'set-up-by-council',
    label: 'convener',
    pattern: String.raw`\b(?:established|set up|launched|formed|created|convened|chaired|hosted|facilitated|initiated|brought together|organised|called)\s+(?:\w+\s+){0,2}?by\s+{COUNCIL}`,
    examples: ['A new education board, formed by Riverton Council, met for the first time.'],
  },
  {
    id: 'council-sets-up',
    label: 'convener',
    pattern: String.raw`{COUNCIL}\s+(?:(?:and|together with|with)\s+(?:its\s+|local\s+|the\s+)?(?:\w+\s+){0,2}?(?:headteachers|head teachers|schools|school leaders)\s+)?(?:has\s+|have\s+|will\s+|would\s+|is to\s+)?(?:jointly\s+)?(?:established|set up|launched|launch|formed|created|convenes|convened|chairs|chaired|hosts|hosted|facilitates|facilitated|called|brought together|brings together|(?:brought|brings|bring)\s+(?:\w+\s+){1,3}?together)\b(?!\s+(?:a|an|the|its)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:company|business|trading|firm|joint venture)\b)`,
    // A company the council sets up sells or delivers services: a trading vehicle, not a body it convenes.
    counterExamples: ['The council is to set up a company to sell its education services.'],
    examples: [
      'Northvale Council has established the Northvale Learning Partnership.',
      'The council will launch a new board to oversee education.',
      'Northvale Council and local headteachers jointly set up the partnership.',
      'The local authority brought secondary heads together to form a new board.',
    ],
  },
  {
    id: 'council-enabling-role',
    label: 'convener',
    ownPageSpeaks: true,
    pattern: String.raw`{COUNCIL}(?:['’]s)?\s+(?:\w+\s+){0,2}?role\s+(?:as\s+(?:an?\s+)?)?(?:enabler|facilitator|convener|convenor|in system leadership)|{COUNCIL}\s+(?:takes|plays|play)\s+a\s+(?:leading|key|crucial|central)\s+role\b|\bfacilitat\w+ (?:a\s+)?school[\s-]led (?:improvement|system)\b`,
    examples: [
      'The council’s role as an enabler of sector-led improvement',
      'Riverton Council takes a leading role in the programme.',
    ],
  },
  {
    id: 'council-improvement-team',
    label: 'deliverer',
    pattern: String.raw`{COUNCIL}(?:['’]s)?\s+(?:own\s+|in-house\s+|senior\s+|lead\s+|principal\s+)?(?:education\s+)?(?:school improvement|school effectiveness|education improvement|learning and improvement|standards and effectiveness|advisory|advice and (?:development|support)|education|improvement)\s+(?:team|service|services|department|advisers?|advisors?|officers?|partners?|section|functions?|provision|offer)\b|{COUNCIL}['’]s\s+(?:own\s+|senior\s+|link\s+)?(?:advisers|advisors|inspectors)\b`,
    examples: [
      "The council's school improvement team visited every school.",
      "Riverton's advisory team visits each school.",
      "The county's school improvement service was judged effective.",
      "The local authority's advisers visit every school.",
      'Local Authority school improvement officers worked with heads.',
    ],
  },
  {
    id: 'council-supports-schools',
    label: 'deliverer',
    pattern: String.raw`{COUNCIL}(?:['’]s)?\s+(?:\w+\s+){0,3}?(?:support|services?|provision)\s+(?:for|to)\s+(?:its\s+|local\s+|\w+\s+)?(?:schools|school improvement)|\b(?:challenge and support|support and challenge|challenge and intervention|support and intervention|intervention and support|support (?:for|to) (?:\w+\s+){0,2}?schools)\s+(?:\w+\s+){0,3}?(?:from|by)\s+{COUNCIL}|\bits\s+(?:\w+\s+)?support (?:for|to) (?:schools|school improvement)\b|\b(?:are|is|being|been)\s+(?:\w+\s+)?supported by {COUNCIL}|\b(?:schools|headteachers|academies)\b[^.;]{0,40}?\b(?:receive|received|get|access|draw on|buy|requir\w*|need\w*|given|offered)\s+(?:\w+\s+){0,3}?(?:support|challenge|advice|services?)\s+from\s+{COUNCIL}`,
    examples: [
      'Inspectors praised the authority’s support for schools.',
      'Two schools are being supported by Riverton Council.',
      'Officers agree the level of challenge and intervention from the local authority.',
      'Schools in the county receive support from the local authority.',
      'Schools identified as requiring intensive support from the council improved.',
    ],
    counterExamples: ['The plan enjoys strong support from the county council.'],
  },
  {
    id: 'council-provides-improvement',
    label: 'deliverer',
    pattern: String.raw`{COUNCIL}\s+(?:\w+\s+){0,3}?(?:provides?|provided|delivers?|delivered|offers?|offered|is committed to provide)\s+(?:\w+\s+){0,5}?(?:support|challenge|school improvement|improvement services?|services to schools|school effectiveness)\b|{COUNCIL}\s+(?:has\s+)?(?:provided|provides)\s+its\s+schools\s+with\b`,
    examples: [
      'The local authority provides robust support to leaders.',
      'The county council should continue to provide the right services and support to its schools.',
    ],
  },
  {
    id: 'improvement-service-of-council',
    label: 'deliverer',
    pattern: String.raw`\b(?:school improvement|school effectiveness|education effectiveness|learning and improvement|standards and effectiveness|school standards)\s+(?:team|service|section|function)s?\s+(?:for|of|at|within|in)\s+{COUNCIL}|\bunder the remit of {COUNCIL}|\b(?:councils?|authorities)\b[^.]{0,80}\btheir\s+(?:school improvement|education|school effectiveness)\s+(?:services?|teams?)`,
    examples: [
      'the head of the school effectiveness service for Riverton Borough Council',
      'The two councils plan to merge their school improvement services.',
    ],
  },
  {
    id: 'named-improvement-service',
    label: 'deliverer',
    ownPageSpeaks: true,
    flags: '',
    pattern: String.raw`\b(?:School|Schools|Learning|Education)\s+(?:and\s+|&\s+)?(?:Improvement|Effectiveness|Standards|Achievement)\s+(?:Service|Team)\b|\b(?:Inspection|Improvement|Education)\s+(?:and|&)\s+Advisory\s+Service\b`,
    examples: [
      'A revised structure for the Learning and Improvement Service was approved.',
      'The Inspection and Advisory Service collects data about schools.',
    ],
    counterExamples: ['The school improvement service of a neighbouring trust'],
  },
  {
    id: 'council-role-in-improvement',
    label: 'deliverer',
    pattern: String.raw`\brole of {COUNCIL} in (?:supporting|delivering|providing|leading|securing|driving)\s+(?:\w+\s+){0,2}?(?:school improvement|schools|improvement|standards)\b|{COUNCIL}['’]s\s+role in (?:supporting|delivering|providing|leading|securing|driving)\s+(?:\w+\s+){0,2}?(?:school improvement|improvement|standards)\b|\brole of {COUNCIL} is to (?:\w+\s+){0,2}?(?:support|challenge|intervene|monitor|champion|ensure)\b`,
    examples: [
      'Inspectors found the role of the council in supporting school improvement to be effective.',
      'The county council’s role in supporting school improvement has changed.',
      'The role of the local authority is to support schools and, where needed, intervene.',
    ],
  },
  {
    id: 'council-sells-services',
    label: 'deliverer',
    excludes: ['convener'],
    pattern: String.raw`{COUNCIL}[^.;]{0,80}?\b(?:sell|sells|selling|sold|trade|trades|trading|market|markets|marketing)\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:services?|support)\s+to\s+(?:[\w-]+\s+){0,3}?(?:schools|academies)\b`,
    examples: [
      'The county council is to set up a company to sell education support services to schools and other councils.',
    ],
  },
  {
    id: 'our-improvement-team',
    label: 'deliverer',
    pattern: String.raw`\b(?:our|the council['’]s|the authority['’]s)\s+(?:own\s+|in-house\s+|central\s+)?(?:school improvement|school effectiveness|education improvement|school support|education(?:al)? support|advisory|learning and improvement|(?:education|school)\s+standards|education quality|standards and effectiveness)\s+(?:team|service|services|advisers?|advisors?|officers?|section)\b`,
    ownPageSpeaks: true,
    examples: [
      'Our school improvement team works with every maintained school.',
      'Our education standards team will visit each school in the autumn.',
    ],
  },
  {
    id: 'council-decides-board',
    label: 'convener',
    pattern: String.raw`\b(?:that\s+)?(?:the\s+)?(?:formation|establishment|creation|setting up) of (?:the|a) (?:[A-Z][\w'’&-]*\s+){1,6}(?:Board|Partnership|Forum|Alliance|Group)\s+be\s+(?:supported|approved|agreed)|\bthat\s+(?:the|a)\s+(?:[A-Z][\w'’&-]*\s+){1,6}(?:Board|Partnership|Forum|Alliance)\s+be\s+(?:established|set up|formed|created)`,
    flags: '',
    ownPageSpeaks: true,
    examples: [
      'RESOLVED: That the formation of the Riverton Education Partnership be supported.',
      'that the Northvale Education Board be established with these terms of reference',
    ],
  },
  {
    id: 'council-acts-on-schools',
    label: 'deliverer',
    pattern: String.raw`{COUNCIL}\s+(?:is\s+|was\s+|has been\s+)?(?:now\s+)?taking\s+(?:[\w'‘’"“”-]+\s+)?action\s+to\s+help\s+schools|{COUNCIL}(?:['’]s)?\s+(?:\w+\s+){0,3}?(?:is|are|was|were|has been|had been)\s+(?:\w+\s+)?(?:effective|ineffective|satisfactory|unsatisfactory|inadequate)\b|\b(?:challenging|intervention in|intervening in|challenge to)\s+(?:the\s+)?(?:weakest|failing|under-?performing|struggling|vulnerable)\s+schools\b|\b(?:its|their|own|in-house|council['’]s|authority['’]s|LA['’]s)\s+(?:\w+\s+)?school improvement (?:services?|functions?|offer|team)\b|\bquality of (?:its\s+|the\s+)?services to schools\b|{COUNCIL}\s+(?:formal\s+)?warning\b|{COUNCIL}[^.;]{0,40}?\b(?:issued?|issues|sent|gave)\s+(?:a\s+|two\s+|three\s+)?(?:formal\s+)?warning notices?\b`,
    examples: [
      'Inspectors said the county council is now taking effective action to help schools improve.',
      'Where schools need intervention the LEA is effective, inspectors said.',
      'The council is challenging under-performing schools to improve.',
      'One school had a local authority warning and another a formal notice.',
      'The council issued a warning notice to the governors.',
    ],
  },
  {
    id: 'council-promotes-partnership',
    label: 'convener',
    ownPageSpeaks: true,
    pattern: String.raw`\b(?:we|{COUNCIL}|(?:[A-Z][\w'’&-]*\s+){1,3}(?:Borough|County|City))\s+(?:will\s+)?(?:continue to\s+|also\s+)?(?:promote|promotes|encourage|encourages|broker|brokers|foster|fosters|facilitate|facilitates)\s+(?:\w+\s+){0,2}?(?:partnerships|partnership working|collaboration)\b|{COUNCIL}(?:['’]s)?\s+(?:\w+\s+){0,3}?(?:promote|promotes|promoting|encourage|encourages|encouraging|broker|brokers|brokering)\s+(?:\w+\s+){0,2}?(?:partnership working|collaboration|partnerships?)\s+(?:between|among|across)\s+schools`,
    examples: [
      'The council’s strategy is to promote partnership working between schools.',
      'Riverton Borough will continue to promote partnerships between its schools.',
      'We will encourage collaboration in every town.',
    ],
  },
  {
    id: 'council-approves-plans',
    label: 'convener',
    ownPageSpeaks: true,
    pattern: String.raw`\b(?:approve|approved|agree|agreed|endorse|endorsed|back|backed)\s+(?:the\s+)?(?:plans?|proposals?)\s+(?:to|for)\s+(?:launch|establish|set up|create|form|a|an|the)\s+(?:a\s+|the\s+)?(?:new\s+)?(?:[\w'’&-]+\s+){0,5}?(?:Board|Partnership|Forum|Alliance|Collaborative)\b`,
    examples: ['The committee is being asked to approve plans to launch the Partnership in the summer term.'],
    counterExamples: ['Parents backed plans to launch a new breakfast club.'],
  },
  {
    id: 'council-backs-board',
    label: 'convener',
    pattern: String.raw`\b(?:given|has|received|won|with)\s+the\s+(?:backing|approval|endorsement)\s+of\s+{COUNCIL}|\b(?:Partnership|Board|Forum|Alliance)\b[^.]{0,120}\b(?:approved|agreed|endorsed) by (?:the\s+)?(?:Cabinet|Council|Executive)\b|\b(?:Cabinet|Council|Executive|councillors|members)\b[^.;]{0,40}?\b(?:agreed|approved|endorsed|adopted)\s+(?:the\s+)?(?:terms of reference|establishment|creation|formation|setting up|constitution)\s+(?:of|for)\s+(?:the|a|an)\s+(?:new\s+)?(?:[A-Z][\w'’&-]*\s+){1,6}?(?:Board|Partnership|Forum|Alliance)\b`,
    examples: [
      'The new board was given the backing of the borough council’s cabinet.',
      'The Riverton Education Partnership was approved by the Cabinet as the council’s policy.',
      'Cabinet members have agreed the terms of reference of the Northvale Learning Partnership.',
    ],
  },
  {
    id: 'link-adviser',
    label: 'deliverer',
    ownPageSpeaks: true,
    pattern: String.raw`\blink (?:inspectors?|advisers?|advisors?)\b|\b(?:school improvement|education effectiveness|school effectiveness|school|learning) (?:advisers?|advisors?|partners?|consultants?)\b`,
    examples: [
      'Every school has a link adviser from the council.',
      'School advisers will visit each maintained school.',
    ],
    counterExamples: ['Parents and carers are the best advisers.'],
  },
  {
    id: 'we-support-schools',
    label: 'deliverer',
    ownPageSpeaks: true,
    pattern: String.raw`\bwe\s+(?:will\s+|can\s+|are\s+|also\s+|already\s+|actively\s+|continue to\s+|aim to\s+|work to\s+){0,3}(?:support|challenge|monitor|broker|brokering|deploy|deploying|visit|intervene in|supporting|challenging)\b[^.;]{0,90}?\b(?:schools|headteachers|governors|school leaders|settings|academies)\b|\bwe\b[^.;]{0,60}\b(?:school improvement|school effectiveness)\s+(?:functions?|duties|responsibilities|role)\b|\bwe\s+(?:will\s+|also\s+|continue to\s+)?hold\s+(?:\w+\s+){0,2}?(?:schools|headteachers|governors|academies)\s+to\s+account\b`,
    examples: [
      'We will support schools to become good or better.',
      'We are actively brokering support between schools in the county.',
      'This plan shows how we carry out the school improvement functions that remain with us.',
      'We will hold governors to account for standards.',
    ],
    counterExamples: ['We welcome visitors to our schools.'],
  },
  {
    id: 'services-provided-by-council',
    label: 'deliverer',
    pattern: String.raw`\b(?:advisory|inspection|school improvement|improvement|support|traded)\s+services?\b[^.;]{0,60}?\b(?:provided|delivered|run|offered)\s+(?:\w+\s+)?by\s+{COUNCIL}`,
    examples: ['Advisory and inspection services are now provided jointly by the two councils.'],
  },
  {
    id: 'statutory-duties',
    label: 'deliverer',
    ownPageSpeaks: true,
    pattern: String.raw`{COUNCIL}(?:['’]s)?\s+(?:\w+\s+){0,3}?(?:fulfil|fulfils|discharge|discharges|carry out|carries out)\s+(?:its|their)\s+(?:\w+\s+)?(?:duties|responsibilities|functions)\b|\b(?:powers|duties|responsibilities|functions)\s+(?:\w+\s+){0,2}?(?:relating to|in relation to|regarding|for)\s+(?:\w+\s+){0,2}?(?:school effectiveness|school improvement|school standards)\b|\bwe\s+(?:have|retain|hold|keep)\s+(?:a\s+|the\s+|our\s+)?(?:statutory\s+|legal\s+)?(?:duty|duties|responsibility|responsibilities)\s+(?:to|for)\s+(?:\w+\s+){0,4}?(?:standards|schools|school improvement|pupils)\b`,
    examples: [
      'This sets out how the local authority will fulfil its statutory duties towards maintained schools.',
      'We have a statutory duty to promote high standards for all pupils.',
      'The report set out the council’s powers and duties relating to school effectiveness.',
    ],
  },
  {
    id: 'traded-offer',
    label: 'deliverer',
    ownPageSpeaks: true,
    pattern: String.raw`\b(?:non-traded|traded)\s+(?:school improvement\s+|education\s+)?(?:arm|offer|service|services|package|core offer|functions?)\b|\bcore offer (?:to|for) schools\b|\b(?:schools|academies)\b[^.;]{0,40}?\b(?:purchas\w*|buy(?:ing)?|bought|buy back|buying back)\s+(?:into\s+)?(?:the|its|our|this)\s+(?:\w+\s+){0,2}?(?:service|offer|package)\b|\b(?:schools?[\s-]related|school|education|schools['’]?)\s+services\b[^.;]{0,40}?\b(?:trading|traded)\s+(?:entity|company|arm|unit|model)\b`,
    examples: [
      'The service offers a core offer to schools and a traded arm for extra support.',
      'Most maintained schools and some academies are buying the service.',
      'The review moves all education services into one trading company owned by the council.',
    ],
  },
  {
    id: 'schools-choose-council',
    label: 'deliverer',
    pattern: String.raw`\b(?:schools|academies|headteachers)\s+(?:\w+\s+){0,2}?(?:choose|chose|continue|continued|decide|decided|opt|opted|prefer)\s+to\s+(?:work with|buy (?:back\s+)?(?:from|into)|stay with|use|commission)\s+{COUNCIL}`,
    examples: ['Most schools still choose to work with the council for their improvement support.'],
    counterExamples: ['Schools choose their own partners.'],
  },
  {
    id: 'joint-delivery-by-councils',
    label: 'deliverer',
    excludes: ['convener'],
    pattern: String.raw`\b(?:approach|model|arrangement|way)s?\s+(?:to|of|for)\s+(?:jointly\s+)?(?:delivering|providing|running)\s+(?:\w+\s+){0,2}?(?:school improvement|advisory|education|improvement)\s+services?\b[^.;]{0,80}?\b(?:by|between)\s+{COUNCIL}`,
    examples: ['A shared approach to delivering school improvement services was agreed by the two councils.'],
  },
  {
    id: 'council-works-through-partnerships',
    label: 'convener',
    ownPageSpeaks: true,
    pattern: String.raw`\b(?:we|{COUNCIL})\s+(?:will\s+|aims? to\s+|continues? to\s+)?(?:work|works|working)\s+(?:closely\s+)?(?:with,?\s+and\s+through,?|with and through|through|in partnership with)\s+(?:\w+\s+){0,3}?(?:partnerships?|alliances|clusters|networks|hubs|schools|headteachers)\b|\b(?:through|via|by)\s+(?:our|the council['’]s|the authority['’]s)\s+(?:\w+\s+){0,2}?(?:Education|Schools|Learning|Improvement)\s+(?:Board|Partnership|Forum|Strategy Group)\b|\b(?:overseen|convened|chaired)\s+by\s+the\s+(?:[A-Z][\w'’&-]*\s+){0,3}(?:Education|Schools|Learning)\s+(?:Board|Partnership|Forum)\b|\b(?:co-?ordinated|facilitated|convened|brokered)\s+by\s+(?:the\s+)?(?:council['’]s\s+|local authority\s+|LA\s+)?(?:school improvement|education|school effectiveness)\s+(?:advisers?|advisors?|officers?|team|service)\b`,
    examples: [
      'We will work with, and through, school partnerships and clusters.',
      'We have built a partnership of schools through our Education Board.',
      'Local networks will be coordinated by school improvement advisers.',
      'The strategy sets out the work overseen by the Riverton Education Board.',
    ],
  },
  {
    id: 'council-will-act-on-schools',
    label: 'deliverer',
    pattern: String.raw`{COUNCIL}\s+(?:will|would|must|should|continues? to)\b,?[^.;]{0,80}?\b(?:identify|challenge|intervene|support|monitor|broker|visit)\s+(?:\w+\s+){0,2}?(?:schools|headteachers|governors|school leaders)\b|{COUNCIL}\s+(?:also\s+|regularly\s+|closely\s+)?(?:identifies|challenges|supports|monitors|brokers|visits|categorises|categorizes|reviews)\s+(?:\w+\s+){0,6}?(?:schools|headteachers|governors|school leaders)\b`,
    examples: [
      'The local authority will, with its partners, identify vulnerable schools and support them.',
      'The council monitors the performance of all maintained schools each term.',
    ],
    counterExamples: ['The council will meet parents of local schools.'],
  },
  {
    id: 'supporting-schools-heading',
    label: 'deliverer',
    ownPageSpeaks: true,
    flags: '',
    pattern: String.raw`^(?:Supporting|Support for|Challenge and support for|Advice and support for)\s+(?:[a-z]+\s+){0,2}?(?:school (?:governance|leadership|improvement|effectiveness)|governors|headteachers|school leaders)\b`,
    examples: ['Supporting school governance and leadership in maintained schools'],
    counterExamples: ['Pupils supporting schools in the area', 'Supporting schools'],
  },
  {
    id: 'we-fund',
    label: 'funder',
    ownPageSpeaks: true,
    excludes: ['deliverer'],
    pattern: String.raw`\bwe\s+(?:have\s+|will\s+|also\s+|continue to\s+){0,2}(?:fund|funds|funded|commission|commissioned|grant[\s-]fund(?:ed)?|subsidise|subsidised)\s+(?:\w+\s+){0,4}?(?:partnership|alliance|board|programme|company|organisation|trust|to (?:deliver|provide))\b|\bwe\s+(?:have\s+|will\s+)?(?:provide|provided|give|gave|allocate|allocated)\s+(?:an?\s+)?(?:annual\s+|additional\s+)?(?:grant|funding)\b`,
    examples: [
      'We commission the Riverton Schools Partnership to deliver school improvement.',
      'We provide an annual grant to the partnership for its work with schools.',
    ],
    counterExamples: ['We fund raise for our school.'],
  },
  {
    id: 'we-convene',
    label: 'convener',
    ownPageSpeaks: true,
    pattern: String.raw`\bwe\s+(?:have\s+|will\s+|also\s+)?(?:convene|convened|chair|chaired|facilitate|facilitated|host|hosted|established|set up|brought together|bring together)\s+(?:\w+\s+){0,4}?(?:partnerships?|alliances?|boards?|forums?|networks?|groups?|headteachers|schools|collaboratives?)\b`,
    examples: [
      'We set up the Riverton Education Board with headteachers in 2019.',
      'We facilitate headteacher networks in each town.',
      'We bring together headteachers and governors to agree priorities.',
    ],
  },
];
