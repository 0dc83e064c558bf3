/** The CLI speaks Russian when the locale is Russian (LANG/LC_ALL ru_*), English otherwise. */
export const isRussianLocale = /^ru/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');

const text = {
  description: [
    'Rapport: client base and relationship analytics',
    'Rapport: клиентская база и аналитика отношений с клиентами',
  ],
  serve: ['Start the API and web app server', 'Запустить сервер API и веб-приложения'],
  migrate: ['Apply database migrations', 'Применить миграции базы данных'],
  demo: ['Load a generated demo company (or remove it)', 'Загрузить демонстрационную компанию (или удалить её)'],
  userAdd: ['Add a user to an organisation', 'Добавить пользователя в организацию'],
  migrated: ['Migrations applied: %s (of %s)', 'Применено миграций: %s (из %s)'],
  upToDate: ['Database schema is up to date (%s migrations)', 'Схема базы данных актуальна (миграций: %s)'],
  demoLoading: [
    'First start: loading the demo company (%s clients)…',
    'Первый запуск: загружаем демонстрационную компанию (%s клиентов)…',
  ],
  demoLoaded: ['Demo company loaded: %s', 'Демонстрационная компания загружена: %s'],
  demoRemoveHint: ['Remove it with: rapport demo --remove', 'Удалить её: rapport demo --remove'],
  demoRemoved: ['Demo company removed: %s clients', 'Демонстрационная компания удалена: клиентов %s'],
  listening: ['Rapport is running at %s', 'Rapport работает по адресу %s'],
  apiDocs: ['API documentation: %s', 'Документация API: %s'],
  firstLogin: ['First administrator: %s  password: %s', 'Первый администратор: %s  пароль: %s'],
  passwordNote: [
    '(generated now and shown once; change it after signing in)',
    '(создан сейчас и показан один раз; смените его после входа)',
  ],
  engineEmbedded: [
    'Database: embedded PGlite in %s (no fsync: keep backups, or use PostgreSQL via DATABASE_URL)',
    'База данных: встроенный PGlite в %s (без fsync: делайте резервные копии или используйте PostgreSQL через DATABASE_URL)',
  ],
  enginePostgres: ['Database: PostgreSQL server', 'База данных: сервер PostgreSQL'],
  userAdded: ['User added: %s (%s) in organisation %s', 'Пользователь добавлен: %s (%s) в организации %s'],
  stopping: ['Stopping: finishing requests in flight…', 'Остановка: завершаем текущие запросы…'],
  stopForced: ['Stopped without waiting for the requests in flight', 'Остановлено, не дожидаясь текущих запросов'],
  analyze: [
    'Rebuild the analytics from the documents (after an import, or to verify) and print a summary',
    'Пересчитать аналитику по документам (после импорта или для проверки) и вывести сводку',
  ],
  step_rollups: ['monthly rollups', 'помесячные итоги'],
  step_settlements: ['settlements', 'расчёты по документам'],
  step_ladder: ['loyalty ladder', 'лестница лояльности'],
  step_figures: ['client figures', 'показатели клиентов'],
  step_segments: ['segments', 'сегменты'],
  step_charts: ['charts', 'графики'],
  analyzed: [
    'Period %s … %s: %s clients, %s buying; revenue %s ₽, profit after cost to serve %s ₽ (%s s)',
    'Период %s … %s: клиентов %s, покупали %s; выручка %s ₽, прибыль после затрат на обслуживание %s ₽ (%s с)',
  ],
  ladderLine: ['Loyalty ladder: %s', 'Лестница лояльности: %s'],
  noOrg: ['No organisation %s; organisations here: %s', 'Нет организации %s; есть организации: %s'],
  backup: [
    'Write an organisation, every table of it, to one backup file',
    'Записать организацию, все её таблицы, в один файл резервной копии',
  ],
  restore: [
    'Bring a backup file back into a database where its organisation does not exist yet',
    'Восстановить резервную копию в базу, где её организации ещё нет',
  ],
  backupFile: ['the backup file (gzip)', 'файл резервной копии (gzip)'],
  backupProgress: ['backup', 'резервное копирование'],
  restoreProgress: ['restore', 'восстановление'],
  backupWritten: [
    'Backup written: %s — organisation %s (%s), %s tables, %s rows, %s MB (%s s)',
    'Резервная копия записана: %s — организация %s (%s), таблиц %s, строк %s, %s МБ (%s с)',
  ],
  restored: [
    'Organisation %s (%s) restored: %s tables, %s rows (%s s)',
    'Организация %s (%s) восстановлена: таблиц %s, строк %s (%s с)',
  ],
  restoredSignIn: [
    'Users sign in again with their passwords: a backup keeps API tokens but not sessions.',
    'Пользователи входят заново со своими паролями: API-токены в резервной копии сохраняются, сеансы — нет.',
  ],
} as const;

export type MessageKey = keyof typeof text;

/** A message in the user's language with %s filled in order. */
export function say(key: MessageKey, ...args: (string | number)[]): string {
  let i = 0;
  return text[key][isRussianLocale ? 1 : 0].replace(/%s/g, () => String(args[i++] ?? ''));
}
