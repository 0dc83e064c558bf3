/**
 * How an existing client resembles one being entered, strongest first (the SQL that finds them:
 * db/queries/clients/possible-duplicates.ts):
 * - `innKpp`: a legal entity with the same ИНН and КПП;
 * - `inn`: the same ИНН where either КПП is empty — by the import's rule the same company too
 *   (db/queries/duplicate-requisites.ts), so saving it is refused with 409 unless saved anyway;
 * - `sameName`: the same name once legal form, quotes, case and ё are set aside (clients.name_key);
 * - `innOtherKpp`: the same ИНН with another КПП — a branch, or a typo in the КПП;
 * - `similarName`: a name that contains the other (the shorter at least 4 letters and half the
 *   longer), or differs by a letter or two (both at least 5 letters, at most 3 apart in length, and
 *   trigram similarity at least 0.5, as pg_trgm counts it: "Ромашко" for «Ромашка», not "Ром" for «Ромб»).
 */
export const duplicateMatches = ['innKpp', 'inn', 'sameName', 'innOtherKpp', 'similarName'] as const;
export type DuplicateMatch = (typeof duplicateMatches)[number];

/** The matches that make saving the requisites a 409 (the same company by the import's rule). */
export const sameCompanyMatches: ReadonlySet<DuplicateMatch> = new Set(['innKpp', 'inn']);
