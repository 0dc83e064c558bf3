import { between, pick, seededRandom, type Random } from './random.js';
import * as v from './vocabulary.js';

export type DemoOptions = { clients: number; years: number; seed: number; until: string };
export type IdBase = {
  user: number;
  product: number;
  client: number;
  legalEntity: number;
  contact: number;
  order: number;
  payment: number;
  interaction: number;
};

/** CSV rows per table, for one slice of clients; columns match `demoColumns`. */
export type DemoSlice = Record<keyof typeof demoColumns, string[]>;

export const demoColumns = {
  users: ['org_id', 'id', 'name', 'email', 'role', 'locale', 'is_demo'],
  products: ['org_id', 'id', 'sku', 'name', 'product_group', 'unit', 'list_price', 'cost', 'is_demo'],
  clients: [
    'org_id',
    'id',
    'name',
    'status',
    'lost_on',
    'industry',
    'region',
    'significance',
    'financial_condition',
    'owner_user_id',
    'credit_limit',
    'payment_deferral_days',
    'delivery_method',
    'transport_type',
    'typical_transport_cost',
    'customs_needed',
    'tags',
    'external_id',
    'is_demo',
    'created_at',
  ],
  client_search: ['org_id', 'client_id', 'name', 'search_text'],
  legal_entities: [
    'org_id',
    'id',
    'client_id',
    'legal_form',
    'full_name',
    'short_name',
    'inn',
    'kpp',
    'ogrn',
    'legal_address',
    'bank_name',
    'bik',
    'settlement_account',
    'correspondent_account',
    'is_primary',
  ],
  contacts: [
    'org_id',
    'id',
    'client_id',
    'full_name',
    'position',
    'phones',
    'emails',
    'decision_roles',
    'influence',
    'attitude',
    'birthday',
  ],
  orders: [
    'org_id',
    'id',
    'client_id',
    'legal_entity_id',
    'number',
    'order_date',
    'status',
    'delivery_method',
    'logistics_cost',
    'payment_due_date',
    'total',
    'cost_total',
    'manager_user_id',
  ],
  order_lines: [
    'org_id',
    'order_id',
    'line_no',
    'client_id',
    'order_date',
    'product_id',
    'quantity',
    'price',
    'unit_cost',
    'list_price',
    'amount',
    'cost_amount',
  ],
  payments: ['org_id', 'id', 'client_id', 'legal_entity_id', 'order_id', 'payment_date', 'amount'],
  interactions: [
    'org_id',
    'id',
    'client_id',
    'contact_id',
    'user_id',
    'kind',
    'occurred_at',
    'duration_minutes',
    'money_spent',
    'outcome',
  ],
} as const;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const csv = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r{}]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
};
const row = (values: unknown[]) => values.map(csv).join(',');
const pgArray = (items: readonly string[]) => `{${items.map((i) => `"${i.replace(/"/g, '\\"')}"`).join(',')}}`;

/** Appends check digits: ИНН 10 (weights 2,4,10,3,5,9,4,6,8), mod 11 mod 10. */
function inn10(body9: string): string {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  return body9 + (([...body9].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11) % 10);
}
function inn12(body10: string): string {
  const w1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
  const w2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
  const c1 = ([...body10].reduce((s, d, i) => s + Number(d) * w1[i]!, 0) % 11) % 10;
  const c2 = ([...(body10 + c1)].reduce((s, d, i) => s + Number(d) * w2[i]!, 0) % 11) % 10;
  return `${body10}${c1}${c2}`;
}
/** ОГРН: last digit of (first 12 digits mod 11); ОГРНИП: of (first 14 mod 13). */
function withMod(body: string, m: number): string {
  let r = 0;
  for (const d of body) r = (r * 10 + Number(d)) % m;
  return body + (r % 10);
}
/** A settlement account with its control key (Банк России № 515): weights 7,1,3 over БИК tail + account. */
function settlementAccount(bik: string, body: string): string {
  const w = [7, 1, 3];
  const draft = `407028100${body}`;
  const digits = bik.slice(-3) + draft;
  const sum = [...digits].reduce((s, d, i) => s + ((Number(d) * w[i % 3]!) % 10), 0);
  const key = ((sum % 10) * 3) % 10;
  return `40702810${key}${body}`;
}
const digitsOf = (rnd: Random, n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
/**
 * Place i of a permutation of 0…n−1 picked by the seed and a salt (i ↦ a·i + b mod n, a coprime to n).
 * Each client draws from its own random stream, so nothing it draws can keep two clients apart;
 * what must never repeat (names, registration numbers) is a permutation of the client's index instead,
 * and still looks random.
 */
function permuted(seed: number, salt: number, i: number, n: number): number {
  let a = (seed * 7919 + salt * 104_729) % n || 1;
  while (gcd(a, n) !== 1) a = (a + 1) % n || 1;
  return (a * i + ((seed * 2_654_435 + salt * 40_503) % n)) % n; // a·i < n² ≤ 46e6², exact in a double
}

/** The c-th client's company name, different for every c: «УралСервис», then «ТД УралСервис», «УралСервис Плюс»… */
export function companyName(seed: number, c: number): string {
  const roots = v.nameRoots.length;
  const n = roots * v.nameSuffixes.length;
  const block = Math.floor(c / n);
  const k = permuted(seed, block, c % n, n);
  const qualifier = Math.floor(block / v.namePrefixes.length);
  return (
    `${v.namePrefixes[block % v.namePrefixes.length]}${v.nameRoots[k % roots]}${v.nameSuffixes[Math.floor(k / roots)]}` +
    (qualifier < v.nameQualifiers.length ? v.nameQualifiers[qualifier] : `-${qualifier - v.nameQualifiers.length + 2}`)
  );
}

/**
 * The c-th client's sole trader: the person («Иванов Иван Петрович») and the client's name, different
 * for every c (a namesake is told apart by the town).
 */
export function traderName(seed: number, c: number): { person: string; name: string } {
  const surnames = v.surnames.length;
  const firsts = v.maleFirst.length; // as many women's names
  const n = 2 * surnames * firsts * v.patronymicRoots.length;
  const block = Math.floor(c / n);
  const k = permuted(seed, 100 + block, c % n, n);
  const female = k % 2 === 1;
  const surname = `${v.surnames[Math.floor(k / 2) % surnames]}${female ? 'а' : ''}`;
  const first = (female ? v.femaleFirst : v.maleFirst)[Math.floor(k / 2 / surnames) % firsts];
  const patronymic = `${v.patronymicRoots[Math.floor(k / 2 / surnames / firsts)]}${female ? 'на' : 'ич'}`;
  const town = block === 0 ? '' : ` (${block <= v.namesakeTowns.length ? v.namesakeTowns[block - 1] : block + 1})`;
  return { person: `${surname} ${first} ${patronymic}`, name: `${surname} ${first} ${patronymic}${town}` };
}

/**
 * A registration never given twice: tax office 01–46 of the region and a record number, from a
 * permutation of the index (one index per legal entity).
 */
export function registration(seed: number, index: number, recordDigits: number): string {
  const records = 10 ** recordDigits;
  const s = permuted(seed, 7, index, 46 * records);
  return String(1 + Math.floor(s / records)).padStart(2, '0') + String(s % records).padStart(recordDigits, '0');
}

type Rhythm = 'steady' | 'seasonal' | 'growing' | 'fading' | 'churned' | 'one_off' | 'prospect';
const rhythms: readonly (readonly [Rhythm, number])[] = [
  ['steady', 30],
  ['seasonal', 15],
  ['growing', 12],
  ['fading', 12],
  ['churned', 13],
  ['one_off', 10],
  ['prospect', 8],
];
function rhythmOf(rnd: Random): Rhythm {
  let x = rnd() * 100;
  for (const [r, w] of rhythms) {
    if ((x -= w) < 0) return r;
  }
  return 'steady';
}

/** The company's own staff and catalogue: managers (demo users, no password) and products. */
export function demoCatalogue(orgId: number, opts: DemoOptions, base: IdBase) {
  const rnd = seededRandom(opts.seed);
  const managers = Math.max(3, Math.min(60, Math.round(opts.clients / 400)));
  const users = Array.from({ length: managers }, (_, i) => {
    const female = rnd() < 0.5;
    const name = `${pick(rnd, female ? v.femaleFirst : v.maleFirst)} ${pick(rnd, v.surnames)}${female ? 'а' : ''}`;
    return row([
      orgId,
      base.user + i,
      name,
      `manager${i + 1}.org${orgId}@demo.rapport.local`,
      i === 0 ? 'head_of_sales' : 'manager',
      'ru',
      true,
    ]);
  });
  const productCount = Math.max(40, Math.min(2000, Math.round(opts.clients / 20)));
  const prices: { listPrice: number; cost: number }[] = [];
  const products = Array.from({ length: productCount }, (_, i) => {
    const [group, names, typical] = pick(rnd, v.productGroups);
    const listPrice = Math.max(100, Math.round((typical * (0.4 + rnd() * 1.6)) / 10) * 10);
    const cost = Math.round(listPrice * (0.55 + rnd() * 0.3));
    prices.push({ listPrice, cost });
    return row([
      orgId,
      base.product + i,
      `SKU-${String(i + 1).padStart(5, '0')}`,
      `${pick(rnd, names)} ${between(rnd, 1, 99)}`,
      group,
      pick(rnd, v.units),
      listPrice,
      cost,
      true,
    ]);
  });
  return { users, products, managers, prices };
}

/**
 * Generates clients [from, to) with everything around them. Each client's stream comes from its own
 * seed, so slices can be generated in any order and the data stays the same.
 */
export function demoSlice(
  orgId: number,
  opts: DemoOptions,
  base: IdBase,
  catalogue: { managers: number; prices: { listPrice: number; cost: number }[] },
  from: number,
  to: number,
  counters: { order: number; payment: number; interaction: number; legalEntity: number; contact: number },
): DemoSlice {
  const out: DemoSlice = {
    users: [],
    products: [],
    clients: [],
    client_search: [],
    legal_entities: [],
    contacts: [],
    orders: [],
    order_lines: [],
    payments: [],
    interactions: [],
  };
  const end = Date.parse(`${opts.until}T00:00:00Z`);
  const start = end - Math.round(opts.years * 365 * DAY);
  for (let c = from; c < to; c++) {
    const rnd = seededRandom(opts.seed * 1_000_003 + c);
    const clientId = base.client + c;
    const rhythm = rhythmOf(rnd);
    const [region, regionCode] = pick(rnd, v.regions);
    const isIp = rnd() < 0.12;
    // Most clients are ООО, some АО, a public company (ПАО) is rare; a sole trader is a person.
    const formDraw = rnd();
    const [form, formFull] = v.legalForms[isIp ? 3 : formDraw < 0.8 ? 0 : formDraw < 0.97 ? 1 : 2]!;
    const trader = isIp ? traderName(opts.seed, c) : null;
    const name = trader ? trader.name : companyName(opts.seed, c);
    const clientName = trader ? `${form} ${name}` : `${form} «${name}»`;
    const owner = base.user + Math.floor(rnd() * catalogue.managers);
    const weight = Math.pow(rnd(), 2.2); // a few big clients, many small ones (Pareto-like)
    const deliveryMethod = rnd() < 0.35 ? 'pickup' : 'delivery';
    const latePayer = rnd() < 0.2;
    const deferral = pick(rnd, [0, 7, 14, 30, 45, 60]);
    // Clients join through the history; growing ones early, and those that will leave mostly were
    // buying already when it starts (so losses fall in every year of it, not only in the last).
    const joinDraw = rnd();
    const joined =
      start +
      Math.floor(
        (end - start) *
          (rhythm === 'churned' ? joinDraw * joinDraw * 0.4 : joinDraw * (rhythm === 'growing' ? 0.3 : 0.8)),
      );
    const status = rhythm === 'prospect' ? 'prospect' : 'active';
    const willBeMarkedLost = rhythm === 'churned' && rnd() < 0.6;
    const tags = rnd() < 0.3 ? [pick(rnd, ['опт', 'розница', 'дилер', 'тендер', 'госзаказ'])] : [];
    const clientValues: unknown[] = [
      orgId,
      clientId,
      clientName,
      status,
      null,
      pick(rnd, v.industries),
      region,
      weight > 0.6 ? 'key' : weight > 0.3 ? 'major' : weight > 0.1 ? 'medium' : 'minor',
      pick(rnd, ['stable', 'stable', 'moderate', 'weak', 'unknown']),
      owner,
      deferral ? Math.round(weight * 5_000_000 + 100_000) * 100 : null,
      deferral || null,
      deliveryMethod,
      deliveryMethod === 'delivery' ? pick(rnd, v.transportTypes) : null,
      deliveryMethod === 'delivery' ? between(rnd, 15, 150) * 10000 : null,
      rnd() < 0.05,
      pgArray(tags),
      `demo-${clientId}`,
      true,
      new Date(joined).toISOString(),
    ];
    // The same text refreshClientSearch builds in SQL: name, tags, external id, requisites, contacts.
    const searchParts: string[] = [clientName, tags.join(' '), `demo-${clientId}`];

    // Legal entities: one, sometimes two (a holding buying through a second company).
    const entities: number[] = [];
    const entityCount = !isIp && rnd() < 0.1 ? 2 : 1;
    for (let e = 0; e < entityCount; e++) {
      const id = base.legalEntity + counters.legalEntity++;
      entities.push(id);
      const [bankName, bik, corr] = pick(rnd, v.banks);
      const year = String(between(rnd, 2, 22)).padStart(2, '0');
      const entityName = e === 0 ? name : `${name}-${pick(rnd, ['Регион', 'Снаб', 'Логистика'])}`;
      const shortName = trader ? `${form} ${trader.person}` : `${form} «${entityName}»`;
      const fullName = trader ? `${formFull} ${trader.person}` : `${formFull} «${entityName}»`;
      // ИНН = region, tax office, record, check digits; the КПП starts with the same office, the ОГРН(ИП) carries the region.
      const registered = registration(opts.seed, isIp ? c : 2 * c + e, isIp ? 6 : 5);
      const inn = isIp ? inn12(regionCode + registered) : inn10(regionCode + registered);
      const kpp = isIp ? null : `${inn.slice(0, 4)}01001`;
      const ogrn = isIp
        ? withMod(`3${year}${regionCode}0${registered}`, 13)
        : withMod(`1${year}${regionCode}${registered}`, 11);
      searchParts.push([fullName, shortName, inn, kpp, ogrn].filter(Boolean).join(' '));
      out.legal_entities.push(
        row([
          orgId,
          id,
          clientId,
          form,
          fullName,
          shortName,
          inn,
          kpp,
          ogrn,
          `${region}, ул. ${pick(rnd, ['Ленина', 'Мира', 'Садовая', 'Заводская', 'Советская'])}, д. ${between(rnd, 1, 120)}`,
          bankName,
          bik,
          settlementAccount(bik, digitsOf(rnd, 11)),
          corr,
          e === 0,
        ]),
      );
    }

    // Contacts: the people who decide, influence, pay.
    const contactIds: number[] = [];
    const people = between(rnd, 1, 4);
    for (let p = 0; p < people; p++) {
      const id = base.contact + counters.contact++;
      contactIds.push(id);
      const female = rnd() < 0.45;
      const [position, roles] = p === 0 ? v.positions[2]! : pick(rnd, v.positions);
      const surname = `${pick(rnd, v.surnames)}${female ? 'а' : ''}`;
      const first = pick(rnd, female ? v.femaleFirst : v.maleFirst);
      const birthday = iso(Date.UTC(between(rnd, 1960, 1998), between(rnd, 0, 11), between(rnd, 1, 28)));
      const person = `${surname} ${first} ${pick(rnd, v.patronymicRoots)}${female ? 'на' : 'ич'}`;
      // A sole trader decides and pays himself: he is the first person of his card.
      const own = trader !== null && p === 0;
      const fullName = own ? trader.person : person;
      searchParts.push(fullName);
      out.contacts.push(
        row([
          orgId,
          id,
          clientId,
          fullName,
          own ? 'Индивидуальный предприниматель' : position,
          pgArray([`+7 9${digitsOf(rnd, 2)} ${digitsOf(rnd, 3)}-${digitsOf(rnd, 2)}-${digitsOf(rnd, 2)}`]),
          pgArray([`contact${id}@client${clientId}.example.ru`]),
          pgArray(own ? ['decision_maker', 'payment_decider'] : roles),
          pick(rnd, ['low', 'medium', 'high']),
          pick(rnd, ['ally', 'neutral', 'neutral', 'opponent']),
          birthday,
        ]),
      );
    }

    out.client_search.push(row([orgId, clientId, clientName, searchParts.filter(Boolean).join(' ')]));

    // Orders in the client's own rhythm.
    if (rhythm !== 'prospect') {
      const interval =
        rhythm === 'one_off' ? Infinity : Math.max(7, Math.round((20 + rnd() * 70) / (0.5 + weight * 2)));
      const stopAt = rhythm === 'churned' ? joined + (end - joined) * (0.03 + rnd() * 0.9) : end;
      // A manager marks a churned client lost a few months after its last purchase; one that stopped
      // lately is not marked yet (the analytics see it fall silent).
      const markedLost = stopAt + between(rnd, 60, 120) * DAY;
      if (willBeMarkedLost && markedLost <= end) {
        clientValues[3] = 'lost';
        clientValues[4] = iso(markedLost);
      }
      let t = joined;
      while (t < stopAt) {
        const progress = (t - start) / (end - start);
        const month = new Date(t).getUTCMonth();
        const seasonOk = rhythm !== 'seasonal' || (month >= 2 && month <= 5) || (month >= 8 && month <= 9);
        const chance = rhythm === 'growing' ? 0.3 + 0.7 * progress : rhythm === 'fading' ? 1 - 0.8 * progress : 1;
        if (seasonOk && rnd() < chance) {
          const orderId = base.order + counters.order++;
          const orderDate = iso(t);
          const lines = between(rnd, 1, Math.max(2, Math.round(4 + weight * 12)));
          let total = 0;
          let costTotal = 0;
          for (let l = 1; l <= lines; l++) {
            const productIndex = Math.floor(Math.pow(rnd(), 1.5) * catalogue.prices.length);
            const p = catalogue.prices[productIndex]!;
            const isReturn = rnd() < 0.01;
            // Whole quantities, so amount = quantity × price exactly (lineAmount would agree); this loop
            // makes millions of lines, hence the plain template instead of row().
            const qty = (isReturn ? -1 : 1) * between(rnd, 1, Math.max(1, Math.round(2 + weight * 40)));
            const discount = rnd() < 0.4 ? 1 - rnd() * 0.15 : 1;
            const price = Math.round(p.listPrice * discount);
            const amount = qty * price;
            const costAmount = qty * p.cost;
            total += amount;
            costTotal += costAmount;
            out.order_lines.push(
              `${orgId},${orderId},${l},${clientId},${orderDate},${base.product + productIndex},${qty},${price},${p.cost},${p.listPrice},${amount},${costAmount}`,
            );
          }
          const cancelled = rnd() < 0.02;
          const due = iso(t + deferral * DAY);
          const logistics = deliveryMethod === 'delivery' ? between(rnd, 10, 200) * 10000 : 0;
          out.orders.push(
            row([
              orgId,
              orderId,
              clientId,
              entities[Math.floor(rnd() * entities.length)],
              `РН-${orderId}`,
              orderDate,
              cancelled ? 'cancelled' : t > end - 5 * DAY ? 'shipped' : 'completed',
              deliveryMethod,
              logistics,
              due,
              total,
              costTotal,
              owner,
            ]),
          );
          // Payment: punctual payers pay by the due date, late payers weeks later, some never.
          if (!cancelled && total > 0) {
            const delay = latePayer ? between(rnd, 5, 75) : between(rnd, -deferral, 2);
            const paidAt = t + (deferral + delay) * DAY;
            if (paidAt < end && !(latePayer && rnd() < 0.05)) {
              out.payments.push(
                row([orgId, base.payment + counters.payment++, clientId, entities[0], orderId, iso(paidAt), total]),
              );
            }
          }
        }
        t += (rhythm === 'one_off' ? end : interval * (0.7 + rnd() * 0.6)) * DAY;
      }
    }

    out.clients.push(row(clientValues));

    // Interactions: calls and meetings through the relationship, receptions and gifts with their cost.
    // One client in ten takes far more of the managers' time than its purchases explain, whatever its
    // size: the "insignificant" steady clients of DOMAIN §4, and a demanding key client or two.
    const demanding = rnd() < 0.1;
    const touches =
      rhythm === 'prospect' ? between(rnd, 0, 3) : between(rnd, 2, 6 + Math.round(weight * 20)) * (demanding ? 6 : 1);
    for (let k = 0; k < touches; k++) {
      const at = joined + rnd() * (end - joined);
      const kind = pick(rnd, [
        'call',
        'call',
        'call',
        'email',
        'meeting',
        'visit',
        'reception',
        'gift',
        'congratulation',
        'training',
      ] as const);
      const minutes =
        kind === 'call'
          ? between(rnd, 3, 30)
          : kind === 'email'
            ? 10
            : kind === 'meeting' || kind === 'visit'
              ? between(rnd, 45, 180)
              : kind === 'reception'
                ? between(rnd, 120, 240)
                : 20;
      const spend =
        kind === 'reception' ? between(rnd, 50, 400) * 10000 : kind === 'gift' ? between(rnd, 15, 150) * 10000 : 0;
      out.interactions.push(
        row([
          orgId,
          base.interaction + counters.interaction++,
          clientId,
          pick(rnd, contactIds),
          owner,
          kind,
          new Date(at).toISOString(),
          minutes,
          spend,
          pick(rnd, v.outcomes),
        ]),
      );
    }
  }
  return out;
}
