/**
 * The product's messages in English, keyed by stable codes; the reference catalogue (types.ts derives
 * the codes and their parameters from it, and ru.ts must have the same codes). Templates use
 * i18next's syntax: `{{name}}`, plural forms `_one`/`_other` chosen by `{{count}}`, `$t(code)`.
 * Grouped by area; a code is never reused for another meaning (clients may keep it).
 */
import { claimStatusLabels } from '../claims/labels.js';
import { claimTransitions, type ClaimStatus } from '../claims/claims.js';
import { requisiteKinds, type RequisiteKind } from '../clients/requisites.js';
import { roles, type Role } from '../vocabulary.js';

/** The claim statuses a status may move to, quoted and joined ("In progress" or "Rejected"). */
const claimNext = Object.fromEntries(
  Object.entries(claimTransitions).map(([from, to]) => [
    `claim.next.${from}`,
    to.map((s) => `"${claimStatusLabels[s].en}"`).join(' or '),
  ]),
) as Record<`claim.next.${ClaimStatus}`, string>;
const claimStatus = Object.fromEntries(
  Object.entries(claimStatusLabels).map(([s, label]) => [`claim.status.${s}`, label.en]),
) as Record<`claim.status.${ClaimStatus}`, string>;
/** Roles in mid-sentence: "a head of sales". */
const role = Object.fromEntries(roles.map((r) => [`role.${r}`, r.replace(/_/g, ' ')])) as Record<
  `role.${Role}`,
  string
>;

/** The requisites' messages, one set per kind. */
const requisiteWord: Record<RequisiteKind, string> = {
  inn: 'ИНН',
  kpp: 'КПП',
  ogrn: 'ОГРН',
  ogrnip: 'ОГРНИП',
  bik: 'БИК',
  settlementAccount: 'settlement account',
  correspondentAccount: 'correspondent account',
};
type AccountKind = 'settlementAccount' | 'correspondentAccount';
export type RequisiteCode =
  | `requisite.${RequisiteKind}.${'empty' | 'digitsOnly' | 'length' | 'suspicious' | 'checksum'}`
  | `requisite.${AccountKind}.${'bikRequired' | 'accountKey'}`;
const requisite = Object.fromEntries(
  requisiteKinds.flatMap((kind) => {
    const w = requisiteWord[kind];
    return [
      [`requisite.${kind}.empty`, `The ${w} is not filled in — please enter it.`],
      [`requisite.${kind}.digitsOnly`, `Only digits are allowed in the ${w} — remove letters and other symbols.`],
      [`requisite.${kind}.length`, `The ${w} must have {{digits}} digits; this one has {{length}}.`],
      [
        `requisite.${kind}.suspicious`,
        `This ${w} is one digit repeated — it looks like a placeholder, not a real number. Please enter the real one.`,
      ],
      [
        `requisite.${kind}.checksum`,
        `The check digit of this ${w} does not match the other digits — probably a typo. Please compare it with the document.`,
      ],
      ...(kind === 'settlementAccount' || kind === 'correspondentAccount'
        ? [
            [`requisite.${kind}.bikRequired`, `To check the ${w}, first enter a valid БИК of the bank.`],
            [
              `requisite.${kind}.accountKey`,
              `The check digit of this ${w} does not match БИК {{bik}} — probably a typo in the account number or in the БИК.`,
            ],
          ]
        : []),
    ];
  }),
) as Record<RequisiteCode, string>;

/** Repeated sales lines: the first one to three examples ("row 6 repeats row 5"), and whether there are more. */
const repeatVariants = ['1', '2', '3', '3More'] as const;
const repeatedLines = Object.fromEntries(
  repeatVariants.flatMap((v) => {
    const shown = Array.from({ length: Number(v[0]) }, (_, i) => `row {{row${i + 1}}} repeats row {{first${i + 1}}}`);
    const examples = shown.join(', ') + (v.endsWith('More') ? ' and more' : '');
    const tail = `equal cell for cell to another line of the same document (${examples}). A 1C document may hold the same article twice, so they are imported as lines of their own; if the file repeats them by mistake, correct it.`;
    return [
      [`import.warning.repeatedLines${v}_one`, `{{count}} line ${tail}`],
      [`import.warning.repeatedLines${v}_other`, `{{count}} lines ${tail}`],
    ];
  }),
) as Record<`import.warning.repeatedLines${(typeof repeatVariants)[number]}_${'one' | 'other'}`, string>;

export const en = {
  // ---- problem+json: titles and details of the server's own answers ---------------------------------
  'problem.title.invalid_input': 'Invalid input',
  'problem.title.unauthenticated': 'Sign-in required',
  'problem.title.forbidden': 'Not allowed',
  'problem.title.not_found': 'Not found',
  'problem.title.conflict': 'Conflict',
  'problem.title.unavailable': 'Service unavailable',
  'problem.title.rate_limited': 'Too many requests',
  'problem.title.bad_request': 'Bad request',
  'problem.title.internal': 'Internal error',
  'problem.title.survey_answered': 'Already answered',
  'problem.title.survey_expired': 'Link expired',
  'problem.invalidInput': 'Invalid input.',
  'problem.invalidRequest': 'The request is invalid.',
  'problem.duplicate': 'A record with the same unique value already exists.',
  'problem.referenced': 'The record is referenced by other records, or refers to one that does not exist.',
  'problem.unreachable': 'The database is not reachable; try again in a moment.',
  'problem.internal': 'Something went wrong on the server; the details are in its log.',
  'problem.noEndpoint': 'No such endpoint: {{method}} {{path}}',
  'problem.tooManyRequests': 'Too many requests; try again in {{seconds}} s.',

  // ---- fields: the request's shape (schema validation, the input guard, the database's refusals) ----
  'field.required': 'is required',
  'field.unknown': 'is not a known field',
  'field.date': 'must be a real date written YYYY-MM-DD',
  'field.dateTime': 'must be a date and time in ISO 8601, e.g. 2026-11-23T10:00:00Z',
  'field.email': 'must be an e-mail address',
  'field.format': 'must be a valid {{format}}',
  'field.maxLength_one': 'must be at most {{count}} character',
  'field.maxLength_other': 'must be at most {{count}} characters',
  'field.notEmpty': 'must not be empty',
  'field.minLength_one': 'must be at least {{count}} character',
  'field.minLength_other': 'must be at least {{count}} characters',
  'field.maxItems_one': 'must have at most {{count}} item',
  'field.maxItems_other': 'must have at most {{count}} items',
  'field.minItems_one': 'must have at least {{count}} item',
  'field.minItems_other': 'must have at least {{count}} items',
  'field.minimum': 'must be ≥ {{limit}}',
  'field.maximum': 'must be ≤ {{limit}}',
  'field.type': 'must be {{type}}',
  'field.pattern': 'has the wrong format',
  'field.minProperties': 'name at least one field to change',
  'field.uniqueItems': 'must not repeat items',
  'field.oneOf': 'is not one of the allowed values',
  'field.invalid': 'is invalid',
  'field.invalidBecause': '{{reason}}',
  'field.brokenText': 'must not contain the NUL character or broken Unicode (an unpaired surrogate)',
  'field.outOfRange': 'must be a finite number between −{{max}} and {{max}}',
  'field.dateRange': 'must be a real date between 0001-01-01 and 9999-12-31',
  'field.offsetRange': 'the time-zone offset must be between −15:59 and +15:59',
  'field.dbTooLong': 'is longer than the database can store',
  'field.dbOutOfRange': 'is a number out of the range the database can store',
  'field.dbDateFormat': 'is not a date or time the database can read',
  'field.dbDateRange': 'is a date or time out of range',
  'field.dbOffset': 'has a time-zone offset out of range',
  'field.dbNul': 'contains a character the database cannot store (NUL)',
  'field.dbType': 'is not a value of the expected type',
  'field.dbBrokenText': 'contains a character the database cannot store (NUL or broken Unicode)',
  'field.dbCheck': 'breaks a rule of the record',
  // Shared by several forms.
  'field.negative': 'cannot be negative',
  'field.future': 'must not be in the future',
  'field.cannotBeFuture': 'cannot be in the future',
  'field.money': 'must be an amount in roubles with at most 2 decimals, e.g. 1234.50',
  'field.moneyRoubles': 'must be an amount in roubles',
  'field.moneyTwoDecimals': 'must be an amount in roubles with at most two decimals',
  'field.periodReversed': 'the period starts after it ends',
  'field.contactOfOtherClient': 'this contact works at another client',
  'field.cannotSort': 'cannot sort by "{{key}}"',
  'field.oneOfList': 'must be one of {{values}}',

  // ---- records that are missing (or belong to another organisation) ----------------------------------
  'notFound.apiToken': 'API token {{id}} was not found.',
  'notFound.calendarFeed': 'Calendar feed {{id}} was not found.',
  'notFound.claim': 'Claim {{id}} was not found.',
  'notFound.client': 'Client {{id}} was not found.',
  'notFound.clientLink': 'Client link {{id}} was not found.',
  'notFound.consent': 'Consent {{id}} was not found.',
  'notFound.contact': 'Contact {{id}} was not found.',
  'notFound.contactLink': 'Contact link {{id}} was not found.',
  'notFound.familyMember': 'Family member {{id}} was not found.',
  'notFound.import': 'Import {{id}} was not found.',
  'notFound.interaction': 'Interaction {{id}} was not found.',
  'notFound.legalEntity': 'Legal entity {{id}} was not found.',
  'notFound.loss': 'Loss {{id}} was not found.',
  'notFound.mapping': 'Mapping {{id}} was not found.',
  'notFound.order': 'Order {{id}} was not found.',
  'notFound.organisation': 'Organisation {{id}} was not found.',
  'notFound.payment': 'Payment {{id}} was not found.',
  'notFound.product': 'Product {{id}} was not found.',
  'notFound.share': 'Share with user {{id}} was not found.',
  'notFound.surveyLink': 'Survey link {{id}} was not found.',
  'notFound.surveyResponse': 'Survey response {{id}} was not found.',
  'notFound.task': 'Task {{id}} was not found.',
  'notFound.upload': 'Upload {{id}} was not found.',
  'notFound.usefulDate': 'Useful date {{id}} was not found.',
  'notFound.user': 'User {{id}} was not found.',

  // ---- signing in and permissions --------------------------------------------------------------------
  'auth.signInRequired': 'Sign in to continue; the session is missing or has expired.',
  'auth.tokenUnknown': 'The API token is unknown or revoked.',
  'auth.csrfHeader':
    'Cookie-authenticated changes need the {{header}} header (protection against cross-site requests).',
  'auth.tooManyFromAddress': 'Too many failed sign-ins from your address; try again in {{seconds}} s.',
  'auth.locked':
    'Too many failed sign-ins for this e-mail: it is locked for {{minutes}} min. Try again later, or ask an administrator to reset the password.',
  'auth.wrongPassword': 'The e-mail or password is wrong.',
  'auth.signInAgain': 'Sign in again.',
  'access.readOnly': 'Your role can read but not change records. Ask an administrator for a manager role.',
  'access.administratorOnly': 'Only the owner of the company can do this.',
  'access.usersOnly': 'Only the owner or the head of sales can manage users.',
  'access.signedInPersonOnly':
    'API tokens cannot manage users, API tokens, passwords or calendar feeds; sign in to the web app as the user to do this.',
  'access.newClientOwner':
    "A manager's new client is their own: leave the owner empty or name yourself. The head of sales assigns clients to other managers.",
  'access.cannotHandOver': 'A manager cannot hand their client to someone else; ask the head of sales to reassign it.',
  'access.cannotReassign': 'Only the head of sales or the owner of the company can change who owns a client.',
  'access.importOnly': 'Only the owner or the head of sales can import data.',
  'access.importReports': 'Imports and their reports are for the owner and the head of sales.',
  'access.userCannotSeeClient': 'this user cannot see this client: share the client with them first',
  'access.personalData':
    "Your role reads figures without contacts' personal data (phones, e-mails, birthdays, family, personal knowledge). Ask an administrator if you need them.",
  'access.sortPersonalData': 'cannot sort by {{field}}: your role sees contacts without personal data',
  ...role,

  // ---- users, API tokens and shares ------------------------------------------------------------------
  'user.emailTaken': 'Your organisation already has a user with the e-mail {{email}}.',
  'user.newPasswordMissing': 'The current password alone changes nothing: give the new password too',
  'user.currentPasswordMissing': 'To change your own password, give the current one too',
  'user.currentPasswordWrong': 'The current password is wrong',
  'user.ownerRoleByOwner': 'Only the owner of the company can make someone an owner.',
  'user.ownerAccount': "Only the owner of the company can change an owner's account.",
  'user.disableSelf': 'You cannot disable your own account; another administrator can, if it must be done.',
  'user.lastOwner':
    '{{name}} is the only active owner of the company: make another user an owner first, then change this account.',
  'user.resetOwnPassword':
    'Your own password is changed in the account menu, with the current password; a reset is for other users.',
  'token.othersByOwner': "Only the owner of the company sees and revokes other users' API tokens.",
  'token.needsUser': 'Tokens belong to a user; sign in as one.',
  'token.beyondOwner':
    'A token cannot see or do more than its owner: a $t(role.{{role}}) cannot issue a $t(role.{{requested}}) token.',
  'share.notAllowed': "Only the client's owner, the head of sales or the owner of the company can share this client.",
  'share.stopNotAllowed':
    "Only the client's owner, the head of sales or the owner of the company can stop sharing this client.",
  'share.owner': 'this user owns the client already',
  'share.seesAll': "this user's role sees every client already; share with a manager",
  'share.disabled': 'this user is disabled',

  // ---- sales: orders, payments, products, interactions -------------------------------------------------
  'order.productMissing': 'product {{id}} does not exist',
  'order.quantity': 'must be a non-zero number with at most 3 decimals',
  'order.amountNonNegative': 'must be a non-negative amount with at most 2 decimals',
  'order.amountTooLarge': 'the amount is larger than 9,999,999,999,999.99 ₽',
  'order.dueBeforeOrder': 'the payment cannot be due before the order date',
  'payment.legalEntityOfOtherClient': 'this legal entity belongs to another client',
  'payment.orderOfOtherClient': 'this order belongs to another client',
  'payment.zero': 'a payment of zero is not a payment',

  // ---- clients -----------------------------------------------------------------------------------------
  'client.overrideReason': 'say why this category is set by hand (e.g. a reference client in the industry)',
  'client.useLossForm':
    'mark the client as lost with the loss form, which records the reason, the competitor and the lesson (POST /api/v1/clients/{id}/loss)',
  'client.hasDocuments':
    'The client has {{orders}} orders and {{payments}} payments; its sales history is kept. Mark it as lost instead, or delete those documents first.',
  'client.linkedToItself': 'a client cannot be linked to itself',
  'client.alreadyLinked': 'These clients are already linked this way.',
  'client.requisitesTaken':
    "{{requisites}} already belong to the client «{{name}}». Imports tell clients by ИНН and КПП, so two clients with the same requisites split one company's documents. Open that client, or save anyway if this really is another client.",
  'client.requisitesTakenDetail':
    "{{requisites}} already belong to the client «{{name}}». Imports tell clients by ИНН and КПП, so two clients with the same requisites split one company's documents. Open that client, or save anyway if this really is another client. (allowDuplicateRequisites: true saves anyway)",
  'client.requisitesRegistered':
    '{{requisites}} are already registered in the organisation, on a client you do not work with. Ask the head of sales to share or merge it, or save anyway if this really is another client.',
  'client.requisitesRegisteredDetail':
    '{{requisites}} are already registered in the organisation, on a client you do not work with. Ask the head of sales to share or merge it, or save anyway if this really is another client. (allowDuplicateRequisites: true saves anyway)',
  'legalEntity.soleTraderKpp': 'a sole trader (12-digit ИНН) has no КПП; leave it empty',
  'legalEntity.companyOgrn': 'a company (10-digit ИНН) has a 13-digit ОГРН, not an ОГРНИП',
  'legalEntity.soleTraderOgrnip': 'a sole trader (12-digit ИНН) has a 15-digit ОГРНИП',

  // ---- requisites (ИНН, КПП, ОГРН, БИК, accounts) ------------------------------------------------------
  ...requisite,
  'requisite.innLength':
    'ИНН must have 10 digits (a company) or 12 digits (a sole trader or a person); this one has {{length}}.',
  'requisite.kppLength': 'КПП must have 9 characters; this one has {{length}}.',
  'requisite.ogrnAnyLength':
    'ОГРН must have 13 digits (a company) or 15 digits (ОГРНИП of a sole trader); this one has {{length}}.',
  'requisite.kppChars': 'Only digits are allowed in the КПП, plus capital Latin letters in positions 5 and 6.',
  'requisite.kppFormat': 'КПП must be 4 digits, then 2 digits or capital Latin letters, then 3 digits.',
  'requisite.bikStart': 'БИК must start with 0, 1 or 2; this one starts with {{first}}.',

  // ---- claims ------------------------------------------------------------------------------------------
  'claim.afterResolved': 'cannot be after the day the claim was closed',
  'claim.subjectEmpty': 'must not be empty',
  'claim.dueBeforeReceived': 'cannot be before the day it was received',
  'claim.contactUnknown': 'is not a contact of your organisation',
  'claim.orderUnknown': 'is not a document of your organisation',
  'claim.orderOfOtherClient': 'this document belongs to another client',
  'claim.userUnknown': 'is not a user of your organisation',
  'claim.cannotMove':
    'A claim cannot go from "$t(claim.status.{{from}})" to "$t(claim.status.{{to}})"; from "$t(claim.status.{{from}})" it can go to $t(claim.next.{{from}}).',
  'claim.cannotMoveField':
    'a claim cannot go from "$t(claim.status.{{from}})" to "$t(claim.status.{{to}})"; from "$t(claim.status.{{from}})" it can go to $t(claim.next.{{from}})',
  'claim.resolutionRequired': 'say what was done for the client, or why the claim is rejected',

  ...claimStatus,
  ...claimNext,

  // ---- claims: the summary -----------------------------------------------------------------------------
  'claim.fromAfterTo': 'must not be after "to"',
  'claim.periodTooLong_one': 'the period can be at most {{count}} year',
  'claim.periodTooLong_other': 'the period can be at most {{count}} years',

  // ---- losses ------------------------------------------------------------------------------------------
  'loss.alreadyLost': 'The client is already recorded as lost on {{lostOn}} (loss {{id}}); edit that record instead.',
  'loss.boughtAfter': 'the client bought on {{lastPurchase}}: a client is lost after its last purchase',
  'loss.competitorRequired': 'name the competitor the client left for',
  'loss.future': 'a client cannot be lost in the future',

  // ---- surveys -----------------------------------------------------------------------------------------
  'survey.noAnswer': 'give at least one score (1–5) or the recommendation answer (0–10)',
  'survey.contactOfOtherClient': 'this contact works at another client',
  'survey.fromAfterTo': 'must not be after to',
  'survey.tooManyPeriods_one': 'the range may hold at most {{count}} period',
  'survey.tooManyPeriods_other': 'the range may hold at most {{count}} periods',
  'survey.linkUnknown': 'This survey link is unknown. Check that it was copied in full.',

  // ---- privacy: consents, erasure, export --------------------------------------------------------------
  'privacy.erasedNoConsent':
    "This person's personal data were erased on their request; a new consent goes with a new contact.",
  'privacy.consentWithdrawn': 'This consent was already withdrawn on {{withdrawnOn}}.',
  'privacy.erased':
    "This person's personal data were erased on their request; the record only keeps the history. Add a new contact if the person gives their data again.",
  'privacy.eraseNotAllowed': "Only the owner of the company or the head of sales can erase a person's personal data.",
  'privacy.eraseReason': 'say on what request the data are erased',
  'privacy.alreadyErased': "This person's personal data were already erased on {{erasedOn}}.",
  'privacy.exportNotAllowed':
    "Only the owner of the company, the head of sales or the manager who owns the client can export a person's personal data.",
  'consent.purpose': 'must say what the data are processed for (at least 3 characters)',
  'consent.form': 'must be one of: {{forms}}',
  'consent.separateDocument': 'from 01.09.2025 consent must be a separate document: written or electronic',
  'consent.validUntil': 'must be after the day consent was given',
  'consent.withdrawnBeforeGiven': 'must not be before the day consent was given',

  // ---- calendar and tasks ------------------------------------------------------------------------------
  'calendar.tooManyFeedRequests': 'Too many calendar feed requests from your address; try again in {{seconds}} s.',
  'calendar.leadDaysType': 'must be a number of days',
  'calendar.leadDaysRange': 'must be a whole number of days from 0 to {{max}}',
  'calendar.settingsNotAllowed': 'Only the owner or the head of sales can change the calendar settings.',
  'calendar.toBeforeFrom': 'must not be before from',
  'calendar.rangeTooLong_one': 'must be at most {{count}} day after from',
  'calendar.rangeTooLong_other': 'must be at most {{count}} days after from',
  'calendar.feedNeedsUser': 'A calendar feed belongs to a user; the command line has none.',
  'calendar.generatorNotAllowed': 'Only the owner or the head of sales can run the congratulation task generator.',
  'task.mineOnly': 'A manager sees their own tasks only; ask for scope=mine.',
  'task.assignSelfOnly': 'A manager can assign tasks only to themselves.',
  'task.contactOfOtherClient': 'is a contact of another client',
  'task.handOverNotAllowed': 'Only the owner or the head of sales can hand a task to someone else.',

  // ---- people: family, useful dates, power structure, base analysis ------------------------------------
  'people.birthRange': 'must be a date from 1900 up to today',
  'people.notLeapYear': '{{date}} does not exist: {{year}} is not a leap year',
  'people.noSuchDay': '{{date}} does not exist: there is no day {{day}} in month {{month}}',
  'people.linkedToThemselves': 'a person cannot be linked to themselves',
  'people.cycle': '{{from}} cannot report to {{to}}: {{to}} already reports to {{from}} ({{path}})',
  'people.significanceUnknown': '"{{value}}" is not one of {{values}}',

  // ---- analytics ---------------------------------------------------------------------------------------
  'analytics.periodOrder': 'the period must start before it ends',
  'analytics.periodFuture': 'the period cannot end in the future',
  'analytics.settingsNotAllowed': 'Only the owner or the head of sales can change the analytics settings.',
  'settings.range': 'must be a number from {{min}} to {{max}}',
  'settings.rangeWhole': 'must be a whole number from {{min}} to {{max}}',
  'settings.xyzGrain': 'must be month or quarter',
  'settings.paymentTracking': 'must be auto, on or off',
  'settings.abcOrder': 'the B boundary must be above the A boundary',
  'settings.xyzOrder': 'the Y boundary must be above the X boundary',

  // ---- demo company ------------------------------------------------------------------------------------
  'demo.brokenReference': 'Demo load aborted: {{count}} {{table}}.{{column}} values point at no {{target}} row.',
  'demo.alreadyLoaded': 'This organisation already holds the demo company; remove it first (rapport demo --remove).',

  // ---- import: cells and rows --------------------------------------------------------------------------
  'import.value.required': 'a required field is empty',
  'import.value.number': 'not a number',
  'import.value.decimals': 'too many decimal places',
  'import.value.too_large': 'the number is too large',
  'import.value.date': 'not a date: DD.MM.YYYY or YYYY-MM-DD expected',
  'import.value.no_such_date': 'no such day in the calendar',
  'import.value.date_range': 'the year is outside 1900–2100',
  'import.value.boolean': '“yes” or “no” expected',
  'import.value.email': 'not an e-mail address',
  'import.value.too_long': 'the text is too long (over 1000 characters)',
  'import.rule.priceOrAmount': 'a price or a line amount is needed',
  'import.rule.zeroQuantity': 'the quantity is zero, so no price can be derived from the amount',
  'import.rule.currency': 'documents in foreign currency are not imported: convert them to roubles first',
  'import.rule.kind':
    'unknown interaction kind (call, meeting, visit, email, reception, gift, congratulation, training)',
  'import.rule.accountLength': 'an account number has 20 digits',

  // ---- import: files, mappings and jobs ----------------------------------------------------------------
  'import.file.tooManyColumns':
    "Row {{row}} has more than {{max, number}} columns (Excel's limit, column XFD): this is not a table that can be imported.",
  'import.file.rowTooLong':
    'Row {{row}} is longer than {{max, number}} characters: this is not a table that can be imported (check the delimiter and the quotes).',
  'import.file.invalidUtf8Row':
    'the row holds bytes that are not the UTF-8 text the file declares: save the file again as UTF-8',
  'import.file.unreadable': 'The file cannot be read: {{reason}}',
  'import.file.empty': 'The file is empty.',
  'import.file.xls': 'This is an old Excel 97–2003 (.xls) file: save it as .xlsx or CSV and import again.',
  'import.file.noRow': 'The file has no row {{row}}.',
  'import.file.noHeader': 'No header row was found: the first rows name none of the known columns.',
  'import.file.unclosedQuote': 'Row {{line}}: a quoted field is never closed.',
  'import.file.tooLarge': 'the file is larger than {{mb}} MB: split it into parts',
  'import.file.tooLargeDetail': 'The file is too large.',
  'import.file.gone': 'The uploaded file is gone (uploads are kept for a day): upload it again.',
  'import.xml.tooDeep': 'The file cannot be read: near line {{line}} its elements are nested more than {{max}} deep.',
  'import.xml.invalidUtf8':
    'The file is UTF-8 by its declaration, but line {{line}} holds bytes that are not UTF-8: save it again in UTF-8 (or declare the encoding it is in).',
  'import.xml.tooManyGroups': "The catalogue's classifier has more than {{max, number}} groups (line {{line}}).",
  'import.xml.document': 'Document No. {{number}}',
  'import.xml.documentUnnumbered': 'Document (no number)',
  'import.xml.tooManyParties':
    '$t(import.xml.{{document}}){{id}} on line {{line}} names more than {{max, number}} counterparties: split it into smaller documents and export again.',
  'import.xml.tooManyLines':
    '$t(import.xml.{{document}}){{id}} on line {{line}} has more than {{max, number}} lines: split it into smaller documents and export again.',
  'import.xml.tooManyRequisites':
    '$t(import.xml.{{document}}){{id}} on line {{line}} has more than {{max, number}} requisites: split it into smaller documents and export again.',
  'import.xlsx.outOfMemory':
    'The workbook cannot be read: it needs more memory than a reader may take (the file is damaged or built to overload the server).',
  'import.xlsx.tooManyParts':
    'This workbook cannot be read: its archive holds {{count, number}} parts (the file is damaged or built to overload the server).',
  'import.xlsx.partTooLarge':
    'This workbook cannot be read: its part {{part}} unpacks to {{mb, number}} MB, more than the {{limit, number}} MB such a part may take (the file is damaged or built to overload the server).',
  'import.xlsx.zipBomb':
    'This workbook cannot be read: its part {{part}} unpacks {{ratio}} times larger than it is packed (a real sheet packs about ten times; more than {{max}} is a zip bomb) (the file is damaged or built to overload the server).',
  'import.xlsx.partLargerThanDeclared':
    'This workbook cannot be read: its part {{part}} unpacks to more than the {{bytes, number}} bytes its directory says (the file is damaged or built to overload the server).',
  'import.xlsx.textPartTooLarge':
    'This workbook cannot be read: its part {{part}} is larger than {{mb, number}} MB (the file is damaged or built to overload the server).',
  'import.xlsx.tooManySharedItems':
    'This workbook cannot be read: its shared strings table holds more than {{max, number}} items (the file is damaged or built to overload the server).',
  'import.xlsx.tooManySharedChars':
    'This workbook cannot be read: its shared strings table holds more than {{max, number}} characters (the file is damaged or built to overload the server).',
  'import.xlsx.sharedTextTooLong':
    'This workbook cannot be read: a text of its shared strings table is longer than {{max, number}} characters (the file is damaged or built to overload the server).',
  'import.xlsx.tagTooLong':
    'This workbook cannot be read: a single tag or text in it is longer than {{mb, number}} MB (the file is damaged or built to overload the server).',
  'import.row.repeats': 'the row repeats row {{first}}',
  'import.row.documentClient': 'document {{number}} has another client on row {{first}}',
  'import.row.documentDate': 'document {{number}} has another date on row {{first}}',
  'import.row.sameClient': 'the same client as on row {{first}}',
  'import.row.sameProduct': 'the same product as on row {{first}}',
  'import.row.clientUnknown': 'client not found: import the clients first (matched by ИНН, code or name)',
  'import.row.documentIncomplete': 'another line of this document was refused, so the document is left out whole',
  'import.mapping.columnsMissing': 'Columns for {{fields}} are not mapped.',
  'import.mapping.noColumn': 'no column is chosen for the field “{{field}}”',
  'import.mapping.unknownField': 'there is no field “{{field}}” for this kind of data',
  'import.mapping.twice': 'the field “{{field}}” is chosen for two columns',
  'import.mapping.tooLong': 'the mapping has more columns than the file',
  'import.kindUnknown': 'unknown kind of data',
  'import.kindUnknownDetail': 'Unknown kind.',
  'import.running': 'Another import of this organisation is running: wait for it to finish.',
  'import.failed': 'The import failed and nothing of it was written: {{reason}}',
  'import.interruptedAnalytics':
    'The data is in, but the server stopped while it refreshed the analytics after the import: run `rapport analyze` to rebuild them.',
  'import.interrupted': 'The server stopped during the import; nothing of it was written. Start it again.',
  ...repeatedLines,
  'import.warning.unknownCost_one':
    '{{count}} line without a cost ({{share, number}} % of the file\'s sales amount): neither the file nor the product catalogue has a purchase price. Their margin and profit are not counted ("no cost data") rather than shown as 100 %; add a cost column or purchase prices to the product catalogue.',
  'import.warning.unknownCost_other':
    '{{count}} lines without a cost ({{share, number}} % of the file\'s sales amount): neither the file nor the product catalogue has a purchase price. Their margin and profit are not counted ("no cost data") rather than shown as 100 %; add a cost column or purchase prices to the product catalogue.',
  'import.warning.catalogueCost_one':
    "{{count}} line took their cost from the product catalogue's purchase price (not the list price): the file gives none.",
  'import.warning.catalogueCost_other':
    "{{count}} lines took their cost from the product catalogue's purchase price (not the list price): the file gives none.",

  // ---- import: the report of refused rows --------------------------------------------------------------
  'import.report.sheet': 'Rejected',
  'import.report.row': 'Row',
  'import.report.column': 'Column',
  'import.report.field': 'Field',
  'import.report.value': 'Value',
  'import.report.reason': 'Reason',
  'import.report.reasonCode': 'Reason code',

  // ---- backup and restore ------------------------------------------------------------------------------
  'backup.damaged': 'The backup {{path}} is damaged or incomplete ({{detail}}); nothing was restored.',
  'backup.unwritable': 'Cannot write the backup to {{path}}: {{reason}}',
  'backup.noFile': 'There is no backup file {{path}}.',
  'backup.unreadable': 'Cannot read {{path}}: {{reason}}',
  'backup.notBackup': '{{path}} is not a Rapport backup.',
  'backup.newerFormat':
    '{{path}} is a backup of format version {{version}}, made by a newer Rapport; this one reads version {{supported}}. Upgrade Rapport to restore it.',
  'backup.clash':
    'The backup clashes with data already in this database ({{table}}: {{reason}}). Restore into an empty database; nothing was restored.',
  'backup.newerSchema':
    'This backup was made by a newer Rapport: its database had migrations this one lacks ({{migrations}}). Upgrade Rapport, run rapport migrate, and restore again.',
  'backup.organisationExists':
    'Organisation {{id}} ({{name}}) already exists in this database. A backup is restored only where its organisation does not exist yet: point DATABASE_URL at a new, empty PostgreSQL database or RAPPORT_DATA_DIR at a new folder, and run rapport restore again.',
  'backup.schemaDiffers':
    'The backup holds {{what}}, which this database does not have; restore it with the Rapport version that made it.',
  'backup.usersClash':
    'The backup clashes with data already in this database: users of another organisation here sign in as {{emails}}. Restore into an empty database; nothing was restored.',

  // ---- the command line (rapport …) --------------------------------------------------------------------
  'cli.description': 'Rapport: client base and relationship analytics',
  'cli.serve': 'Start the API and web app server',
  'cli.migrate': 'Apply database migrations',
  'cli.demo': 'Load a generated demo company (or remove it)',
  'cli.userAdd': 'Add a user to an organisation',
  'cli.migrated': 'Migrations applied: {{applied}} (of {{total}})',
  'cli.upToDate': 'Database schema is up to date ({{total}} migrations)',
  'cli.demoLoading': 'First start: loading the demo company ({{clients}} clients)…',
  'cli.demoLoaded': 'Demo company loaded: {{summary}}',
  'cli.demoRemoveHint': 'Remove it with: rapport demo --remove',
  'cli.demoRemoved': 'Demo company removed: {{clients}} clients',
  'cli.listening': 'Rapport is running at {{address}}',
  'cli.apiDocs': 'API documentation: {{address}}',
  'cli.firstLogin': 'First administrator: {{email}}  password: {{password}}',
  'cli.passwordNote': '(generated now and shown once; change it after signing in)',
  'cli.engineEmbedded':
    'Database: embedded PGlite in {{dir}} (no fsync: keep backups, or use PostgreSQL via DATABASE_URL)',
  'cli.enginePostgres': 'Database: PostgreSQL server',
  'cli.userAdded': 'User added: {{email}} ({{role}}) in organisation {{org}}',
  'cli.stopping': 'Stopping: finishing requests in flight…',
  'cli.stopForced': 'Stopped without waiting for the requests in flight',
  'cli.analyze': 'Rebuild the analytics from the documents (after an import, or to verify) and print a summary',
  'cli.step.rollups': 'monthly rollups',
  'cli.step.settlements': 'settlements',
  'cli.step.ladder': 'loyalty ladder',
  'cli.step.figures': 'client figures',
  'cli.step.segments': 'segments',
  'cli.step.charts': 'charts',
  'cli.analyzed':
    'Period {{from}} … {{to}}: {{clients}} clients, {{buying}} buying; revenue {{revenue}} ₽, profit after cost to serve {{profit}} ₽ ({{seconds}} s)',
  'cli.ladderLine': 'Loyalty ladder: {{stages}}',
  'cli.noOrg': 'No organisation {{org}}; organisations here: {{orgs}}',
  'cli.backup': 'Write an organisation, every table of it, to one backup file',
  'cli.restore': 'Bring a backup file back into a database where its organisation does not exist yet',
  'cli.backupFile': 'the backup file (gzip)',
  'cli.backupProgress': 'backup',
  'cli.restoreProgress': 'restore',
  'cli.backupWritten':
    'Backup written: {{path}} — organisation {{org}} ({{name}}), {{tables}} tables, {{rows}} rows, {{mb}} MB ({{seconds}} s)',
  'cli.restored': 'Organisation {{org}} ({{name}}) restored: {{tables}} tables, {{rows}} rows ({{seconds}} s)',
  'cli.restoredSignIn': 'Users sign in again with their passwords: a backup keeps API tokens but not sessions.',
  'cli.option.clients': 'how many clients to generate',
  'cli.option.years': 'how many years of history to generate',
  'cli.option.seed': 'random seed: the same seed gives the same data',
  'cli.option.until': 'last day of the history (YYYY-MM-DD, default today)',
  'cli.option.org': 'organisation id (default: the first)',
  'cli.option.orgEvery': 'organisation id (default: every organisation)',
  'cli.option.remove': 'take the demo company out',
  'cli.option.refreshOnly': 'recompute figures and classes from the rollups, without re-reading the documents',
  'cli.invalid.positive': 'a positive whole number is expected',
  'cli.invalid.date': 'a date YYYY-MM-DD is expected',
  'cli.invalid.until': '--until must be a date YYYY-MM-DD',
  'cli.invalid.role': '--role must be one of {{roles}}',
  'cli.invalid.password': '--password must have at least 10 characters',
  'cli.invalid.kind': '--kind: {{kinds}}',
  'cli.import.description':
    'Import clients, contacts, products, sales, payments or interactions from CSV, XLSX or CommerceML (1C)',
  'cli.import.mapping': 'comma-separated field per column, "-" to skip: documentNumber,documentDate,client,-,…',
  'cli.import.saved': 'use a mapping saved in the web wizard',
  'cli.import.headerRow': 'row of the headers (found by itself otherwise)',
  'cli.import.sheet': 'XLSX sheet (the first by default)',
  'cli.import.dryRun': 'check everything, write nothing',
  'cli.import.validOnly': 'import the valid rows even if others are refused',
  'cli.import.rejects': 'write refused rows to this .csv or .xlsx',
  'cli.import.phase.reading': 'reading and checking',
  'cli.import.phase.writing': 'writing',
  'cli.import.phase.analytics': 'analytics',
  'cli.import.seen': '{{format}} {{details}}; header on row {{row}}; looks like: {{kind}}',
  'cli.import.notMapped': 'Not mapped yet: {{fields}}',
  'cli.import.runWithKind': 'Run again with --kind to import.',
  'cli.import.noSavedMapping': 'No saved mapping "{{name}}"',
  'cli.import.rejectsWritten': 'Refused rows written to {{file}}',
  'cli.import.done': 'Imported',
  'cli.import.dry_run': 'Checked (dry run, nothing written)',
  'cli.import.rejected': 'Refused: some rows are wrong, so nothing was written (use --valid-only to import the others)',
  'cli.import.counts':
    '{{status}}: rows {{read}}, valid {{valid}}, refused {{refused}}, skipped {{skipped}} — {{seconds}} s, {{rate}} rows/s',
  'cli.import.note': '  Note: {{text}}',
  'cli.import.rejectLine': '  row {{row}}, {{column}}: {{value}}{{text}}',
  'cli.import.more': '  … and {{count}} more (--rejects file.csv writes them all)',
  'cli.congratulations.description':
    'Create the congratulation tasks due today (birthdays of key figures, useful dates, professional holidays)',
  'cli.congratulations.today': 'the day to run for, YYYY-MM-DD (default: today, or RAPPORT_TODAY)',
  'cli.congratulations.done':
    'Organisation {{org}}, {{today}}: {{created}} new congratulation tasks ({{due}} due, the rest existed).',
  'cli.user': 'Manage the users of an organisation',
  'cli.option.port': 'port to listen on (default: PORT from the environment, or 3000)',
  'cli.userAdd.email': 'e-mail address, the sign-in name',
  'cli.userAdd.name': 'full name as the app shows it',
  'cli.userAdd.password': 'password, at least 10 characters (the user can change it after signing in)',
  'cli.userAdd.role': 'role: {{roles}}',
  'cli.import.file': 'the file to import (CSV, XLSX or CommerceML)',
  'cli.import.kind': 'what the file holds: {{kinds}} (without it, only shows what was found)',
  'cli.import.encoding': 'text encoding of a CSV: {{encodings}} (found by itself otherwise)',
  'cli.import.delimiter': 'column separator of a CSV: {{delimiters}} (found by itself otherwise)',
  'cli.help.usage': 'Usage:',
  'cli.help.options': 'Options:',
  'cli.help.globalOptions': 'Global options:',
  'cli.help.commands': 'Commands:',
  'cli.help.arguments': 'Arguments:',
  'cli.help.optionsArg': 'options',
  'cli.help.commandArg': 'command',
  'cli.help.help': 'show help for the command',
  'cli.help.helpCommand': 'Show help for a command',
  'cli.help.version': 'show the version number',
  'cli.help.default': 'default: {{value}}',
  'cli.help.choices': 'one of: {{values}}',
  'cli.help.preset': 'without a value: {{value}}',
  'cli.help.env': 'environment variable: {{name}}',
  'cli.help.hint': '(rapport --help lists the commands and their options)',
  'cli.arg.file': 'file',
  'cli.arg.n': 'n',
  'cli.arg.id': 'id',
  'cli.arg.date': 'date',
  'cli.arg.port': 'port',
  'cli.arg.email': 'email',
  'cli.arg.name': 'name',
  'cli.arg.password': 'password',
  'cli.arg.role': 'role',
  'cli.arg.kind': 'kind',
  'cli.arg.fields': 'fields',
  'cli.arg.encoding': 'encoding',
  'cli.arg.char': 'char',
  'cli.arg.sheet': 'sheet',
  'cli.error.unknownOption': "error: unknown option '{{flag}}'",
  'cli.error.unknownCommand': "error: unknown command '{{name}}'",
  'cli.error.missingArgument': "error: missing required argument '{{name}}'",
  'cli.error.optionMissingArgument': "error: option '{{flags}}' needs a value",
  'cli.error.missingOption': "error: required option '{{flags}}' not given",
  'cli.error.tooManyArguments': "error: too many arguments for '{{command}}': {{expected}} expected, {{got}} given",
  'cli.error.invalidOption': "error: option '{{flags}}' cannot take '{{value}}': {{reason}}",
  'cli.error.invalidArgument': "error: argument '{{name}}' cannot take '{{value}}': {{reason}}",
  'cli.error.didYouMean': '(did you mean {{suggestion}}?)',

  // ---- the embedded database folder --------------------------------------------------------------------
  'dataDir.busy':
    'The embedded database in {{dataDir}} is in use by process {{pid}} ({{command}}), since {{since}}.\nThe embedded database (PGlite) cannot be shared between processes, so this command stopped without touching it.\nWhat to do:\n  - stop that process (rapport serve: Ctrl+C or kill {{pid}}) and run this command again;\n  - or, while the server runs, import through the web app (Import) or the API (POST /api/v1/imports);\n  - or run on a PostgreSQL server (DATABASE_URL), which any number of processes can share.',
  'dataDir.busyElsewhere':
    'The embedded database in {{dataDir}} is in use by process {{pid}} ({{command}}), since {{since}}, on host {{host}}.\nThe embedded database (PGlite) cannot be shared between processes, so this command stopped without touching it.\nWhat to do:\n  - stop that process (rapport serve: Ctrl+C or kill {{pid}}) and run this command again;\n  - or, while the server runs, import through the web app (Import) or the API (POST /api/v1/imports);\n  - or run on a PostgreSQL server (DATABASE_URL), which any number of processes can share.\nThe lock was taken on another computer; if nothing there uses the folder any more, delete {{lockFile}}.',

  // ---- export: one person's data (152-ФЗ ст. 14) -------------------------------------------------------
  'export.personal.contact': 'Contact',
  'export.personal.field': 'Field',
  'export.personal.value': 'Value',
  'export.personal.consents': 'Consents',
  'export.personal.family': 'Family',
  'export.personal.dates': 'Useful dates',
  'export.personal.links': 'Links',
  'export.personal.interactions': 'Interactions',
  'export.personal.claims': 'Claims',
  'export.personal.surveys': 'Surveys',
  'export.personal.surveyLinks': 'Survey links',
  'export.personal.tasks': 'Tasks',
  'export.personal.audit': 'Audit log',
  'export.personal.organization': 'Operator',
  'export.personal.client': 'Client',
  'export.personal.generatedAt': 'Exported',
  'export.personal.consentStatus': 'Consent status',
  'export.personal.destroyBy': 'Destroy by',
  'export.personal.erasedAt': 'Erased on request',
  'export.personal.purpose': 'Purpose',
  'export.personal.form': 'Form',
  'export.personal.givenOn': 'Given on',
  'export.personal.validUntil': 'Valid until',
  'export.personal.withdrawnOn': 'Withdrawn on',
  'export.personal.recordedByName': 'Recorded by',
  'export.personal.relation': 'Relation',
  'export.personal.title': 'Title',
  'export.personal.month': 'Month',
  'export.personal.day': 'Day',
  'export.personal.year': 'Year',
  'export.personal.fromName': 'From',
  'export.personal.toName': 'To',
  'export.personal.userName': 'Employee',
  'export.personal.type': 'Type',
  'export.personal.category': 'Category',
  'export.personal.channel': 'Channel',
  'export.personal.answeredOn': 'Answered on',
  'export.personal.comment': 'Comment',
  'export.personal.expiresAt': 'Expires',
  'export.personal.answeredAt': 'Answered',
  'export.personal.locale': 'Language',
  'export.personal.eventKind': 'Event',
  'export.personal.eventOn': 'Event date',
  'export.personal.at': 'When',
  'export.personal.actorKind': 'Source',
  'export.personal.action': 'Action',
  'export.personal.entity': 'Record',
  'export.personal.entityId': 'Record ID',
  'export.personal.before': 'Before',
  'export.personal.after': 'After',
  'export.personal.isKeyFigure': 'Key figure',
  'export.personal.personalTraits': 'Personal traits',
  'export.personal.professionalTraits': 'Professional traits',
  'export.personal.hobbies': 'Hobbies',
  'export.personal.congratulationPreferences': 'How to congratulate',
  'export.personal.giftIdeas': 'Gift ideas',
  'export.personal.goods': 'Goods',
  'export.personal.staff': 'Staff',
  'export.personal.prices': 'Prices',
  'export.personal.logistics': 'Logistics',
  'export.personal.service': 'Service',
  'export.personal.company': 'Company',
  'export.personal.nps': 'NPS',

  // ---- export: analytics sheets ------------------------------------------------------------------------
  'export.analytics.clientId': 'Client id',
  'export.analytics.client': 'Client',
  'export.analytics.status': 'Status',
  'export.analytics.region': 'Region',
  'export.analytics.industry': 'Industry',
  'export.analytics.clientsSheet': 'Clients',
  'export.analytics.clientCount': 'Clients',
  'export.analytics.revenueRub': 'Revenue, ₽',
  'export.analytics.grossSalesBeforeReturnsRub': 'Gross sales (before returns), ₽',
  'export.analytics.profitRub': 'Profit, ₽',
  'export.analytics.segment': 'Segment',
  'export.analytics.marginRub': 'Margin, ₽',
  'export.analytics.daysSincePurchaseMean': 'Days since purchase (mean)',
  'export.analytics.whaleCurve': 'Whale curve',
  'export.analytics.shareOfClients': 'Share of clients',
  'export.analytics.cumulativeProfitRub': 'Cumulative profit, ₽',
  'export.analytics.shareOfProfit': 'Share of profit',
  'export.analytics.loyaltyLadder': 'Loyalty ladder',
  'export.analytics.stageAtStart': 'Stage at start',
  'export.analytics.stageAtEnd': 'Stage at end',
  'export.analytics.cohorts': 'Cohorts',
  'export.analytics.quarterOfFirstPurchase': 'Quarter of first purchase',
  'export.analytics.quarter': 'Quarter',
  'export.analytics.retention': 'Retention',
  'export.analytics.period': 'Period',
  'export.analytics.boughtInThePreviousPeriod': 'Bought in the previous period',
  'export.analytics.boughtAgain': 'Bought again',
  'export.analytics.retentionRate': 'Retention rate',
  'export.analytics.significantLost': 'Significant lost',
  'export.analytics.significantGained': 'Significant gained',
  'export.analytics.alarm': 'Alarm',
  'export.analytics.yes': 'yes',
  'export.analytics.abcBy.profit': 'ABC by profit',
  'export.analytics.abcBy.revenue': 'ABC by revenue',
  'export.analytics.abcBy.gross': 'ABC by gross sales',

  // ---- export: base analysis ---------------------------------------------------------------------------
  'export.baseAnalysis.sheet': 'Base analysis',
  'export.baseAnalysis.clientId': 'Client id',
  'export.baseAnalysis.client': 'Client',
  'export.baseAnalysis.significance': 'Significance',
  'export.baseAnalysis.owner': 'Owner',
  'export.baseAnalysis.revenue': 'Revenue, ₽',
  'export.baseAnalysis.profit': 'Profit, ₽',
  'export.baseAnalysis.contacts': 'Contacts',
  'export.baseAnalysis.answered': 'Questions answered',

  // ---- the calendar feed (iCalendar file) --------------------------------------------------------------
  'calendar.feed.name': 'Rapport: {{user}} ({{organisation}})',
  'calendar.feed.clients': 'Clients ({{count}}): {{names}}',
  'calendar.feed.clientsMore': 'Clients ({{count}}): {{names}}, and {{rest}} more',
  'calendar.feed.client': 'Client: {{name}}',
  'calendar.feed.contact': 'Contact: {{name}}',
  'calendar.feed.age': 'Turns: {{years}}',
  'calendar.feed.card': 'Client card: {{url}}',
  'calendar.feed.task': 'Task: {{title}}',
  'export.audit.at': 'When (UTC)',
  'export.audit.who': 'Who',
  'export.audit.how': 'How',
  'export.audit.action': 'Action',
  'export.audit.what': 'What',
  'export.audit.record': 'Record',
  'export.audit.recordId': 'Record ID',
  'export.audit.client': 'Client',
  'export.audit.clientId': 'Client ID',
  'export.audit.changes': 'Changes',
  'export.surveys.channel.manager': 'Entered by a manager',
  'export.surveys.channel.link': 'Answered through a link',

  // ---- stored and exported names -----------------------------------------------------------------------
  'privacy.erasedName': 'Erased contact #{{id}}',
  'privacy.erasedMark': '[erased]',
  'export.surveys.sheet': 'Surveys',
  'export.audit.sheet': 'Audit log',
} as const;
