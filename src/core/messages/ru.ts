/**
 * The product's messages in Russian: the same codes as en.ts (the compiler checks it through
 * RussianCatalogue), with the four Russian plural forms `_one`, `_few`, `_many`, `_other` (fractions)
 * where English has `_one`/`_other`.
 */
import { claimStatusLabels } from '../claims/labels.js';
import { claimTransitions, type ClaimStatus } from '../claims/claims.js';
import { requisiteKinds, type RequisiteKind } from '../clients/requisites.js';
import { roles, type Role } from '../vocabulary.js';
import type { RequisiteCode } from './en.js';
import type { RussianCatalogue } from './types.js';

const claimNext = Object.fromEntries(
  Object.entries(claimTransitions).map(([from, to]) => [
    `claim.next.${from}`,
    to.map((s) => `«${claimStatusLabels[s].ru}»`).join(' или '),
  ]),
) as Record<`claim.next.${ClaimStatus}`, string>;
const claimStatus = Object.fromEntries(
  Object.entries(claimStatusLabels).map(([s, label]) => [`claim.status.${s}`, label.ru]),
) as Record<`claim.status.${ClaimStatus}`, string>;
const roleNames: Record<Role, string> = {
  owner: 'владелец',
  head_of_sales: 'руководитель продаж',
  manager: 'менеджер',
  analyst: 'аналитик',
  read_only: 'только просмотр',
};
const role = Object.fromEntries(roles.map((r) => [`role.${r}`, roleNames[r]])) as Record<`role.${Role}`, string>;

/** The requisites' messages, one set per kind: the name as a subject, after «of», and in mid-sentence. */
const requisiteWord: Record<RequisiteKind, { is: string; of: string; mid: string }> = {
  inn: { is: 'ИНН', of: 'ИНН', mid: 'ИНН' },
  kpp: { is: 'КПП', of: 'КПП', mid: 'КПП' },
  ogrn: { is: 'ОГРН', of: 'ОГРН', mid: 'ОГРН' },
  ogrnip: { is: 'ОГРНИП', of: 'ОГРНИП', mid: 'ОГРНИП' },
  bik: { is: 'БИК', of: 'БИК', mid: 'БИК' },
  settlementAccount: { is: 'Расчётный счёт', of: 'расчётного счёта', mid: 'расчётный счёт' },
  correspondentAccount: { is: 'Корреспондентский счёт', of: 'корреспондентского счёта', mid: 'корреспондентский счёт' },
};
const requisite = Object.fromEntries(
  requisiteKinds.flatMap((kind) => {
    const w = requisiteWord[kind];
    return [
      [`requisite.${kind}.empty`, `${w.is} не указан — заполните поле.`],
      [`requisite.${kind}.digitsOnly`, `${w.is} может содержать только цифры — уберите буквы и другие символы.`],
      [`requisite.${kind}.length`, `${w.is} должен состоять из {{digits}} цифр, а в этом — {{length}}.`],
      [
        `requisite.${kind}.suspicious`,
        `${w.is} состоит из одной повторяющейся цифры — это похоже на заглушку, а не на настоящий номер. Укажите настоящий ${w.mid}.`,
      ],
      [
        `requisite.${kind}.checksum`,
        `Контрольная цифра ${w.of} не сходится с остальными — скорее всего, это опечатка. Сверьте номер с документом.`,
      ],
      ...(kind === 'settlementAccount' || kind === 'correspondentAccount'
        ? [
            [`requisite.${kind}.bikRequired`, `Чтобы проверить ${w.mid}, сначала укажите правильный БИК банка.`],
            [
              `requisite.${kind}.accountKey`,
              `Контрольный ключ ${w.of} не сходится с БИК {{bik}} — скорее всего, опечатка в номере счёта или в БИК.`,
            ],
          ]
        : []),
    ];
  }),
) as Record<RequisiteCode, string>;

const repeatVariants = ['1', '2', '3', '3More'] as const;
const repeatedLines = Object.fromEntries(
  repeatVariants.flatMap((v) => {
    const shown = Array.from(
      { length: Number(v[0]) },
      (_, i) => `строка {{row${i + 1}}} повторяет строку {{first${i + 1}}}`,
    );
    const examples = shown.join(', ') + (v.endsWith('More') ? ' и другие' : '');
    const text = `Строк, во всём совпадающих с другой строкой того же документа: {{count}} (${examples}). Документ 1С может содержать один товар дважды, поэтому они загружаются как отдельные строки; если файл выгружен с повторами по ошибке, исправьте его.`;
    return (['one', 'few', 'many', 'other'] as const).map((form) => [`import.warning.repeatedLines${v}_${form}`, text]);
  }),
) as Record<
  `import.warning.repeatedLines${(typeof repeatVariants)[number]}_${'one' | 'few' | 'many' | 'other'}`,
  string
>;

export const ru: RussianCatalogue = {
  // ---- problem+json ------------------------------------------------------------------------------------
  'problem.title.invalid_input': 'Неверные данные',
  'problem.title.unauthenticated': 'Нужно войти',
  'problem.title.forbidden': 'Нет прав',
  'problem.title.not_found': 'Не найдено',
  'problem.title.conflict': 'Конфликт',
  'problem.title.unavailable': 'Сервис недоступен',
  'problem.title.rate_limited': 'Слишком много запросов',
  'problem.title.bad_request': 'Неверный запрос',
  'problem.title.internal': 'Внутренняя ошибка',
  'problem.title.survey_answered': 'Ответ уже получен',
  'problem.title.survey_expired': 'Срок ссылки истёк',
  'problem.invalidInput': 'Неверные данные.',
  'problem.invalidRequest': 'Запрос неверен.',
  'problem.duplicate': 'Запись с таким же уникальным значением уже есть.',
  'problem.referenced': 'На запись ссылаются другие записи, или она ссылается на несуществующую.',
  'problem.unreachable': 'База данных недоступна; повторите попытку через минуту.',
  'problem.internal': 'На сервере что-то пошло не так; подробности — в его журнале.',
  'problem.noEndpoint': 'Нет такого адреса API: {{method}} {{path}}',
  'problem.tooManyRequests': 'Слишком много запросов; попробуйте через {{seconds}} с.',

  // ---- fields ------------------------------------------------------------------------------------------
  'field.required': 'обязательное поле',
  'field.unknown': 'неизвестное поле',
  'field.date': 'должна быть существующей датой в виде ГГГГ-ММ-ДД',
  'field.dateTime': 'должна быть датой и временем ISO 8601, например 2026-11-23T10:00:00Z',
  'field.email': 'должен быть адресом электронной почты',
  'field.format': 'неверный формат ({{format}})',
  'field.maxLength_one': 'не длиннее {{count}} символа',
  'field.maxLength_few': 'не длиннее {{count}} символов',
  'field.maxLength_many': 'не длиннее {{count}} символов',
  'field.maxLength_other': 'не длиннее {{count}} символа',
  'field.notEmpty': 'не может быть пустым',
  'field.minLength_one': 'не короче {{count}} символа',
  'field.minLength_few': 'не короче {{count}} символов',
  'field.minLength_many': 'не короче {{count}} символов',
  'field.minLength_other': 'не короче {{count}} символа',
  'field.maxItems_one': 'не больше {{count}} элемента',
  'field.maxItems_few': 'не больше {{count}} элементов',
  'field.maxItems_many': 'не больше {{count}} элементов',
  'field.maxItems_other': 'не больше {{count}} элемента',
  'field.minItems_one': 'не меньше {{count}} элемента',
  'field.minItems_few': 'не меньше {{count}} элементов',
  'field.minItems_many': 'не меньше {{count}} элементов',
  'field.minItems_other': 'не меньше {{count}} элемента',
  'field.minimum': 'должно быть не меньше {{limit}}',
  'field.maximum': 'должно быть не больше {{limit}}',
  'field.type': 'неверный тип: ожидается {{type}}',
  'field.pattern': 'неверный формат',
  'field.minProperties': 'укажите хотя бы одно поле для изменения',
  'field.uniqueItems': 'элементы не должны повторяться',
  'field.oneOf': 'недопустимое значение',
  'field.invalid': 'неверное значение',
  'field.invalidBecause': 'неверное значение',
  'field.brokenText': 'содержит недопустимый символ (NUL или повреждённый Юникод)',
  'field.outOfRange': 'должно быть конечным числом от −{{max}} до {{max}}',
  'field.dateRange': 'должна быть существующей датой от 0001-01-01 до 9999-12-31',
  'field.offsetRange': 'смещение часового пояса должно быть от −15:59 до +15:59',
  'field.dbTooLong': 'длиннее, чем может хранить база данных',
  'field.dbOutOfRange': 'число вне допустимого диапазона',
  'field.dbDateFormat': 'не является датой или временем в понятном формате',
  'field.dbDateRange': 'дата или время вне допустимого диапазона',
  'field.dbOffset': 'смещение часового пояса вне допустимого диапазона',
  'field.dbNul': 'содержит символ, который нельзя сохранить (NUL)',
  'field.dbType': 'значение неверного типа',
  'field.dbBrokenText': 'содержит символ, который нельзя сохранить (NUL или повреждённый Юникод)',
  'field.dbCheck': 'нарушает правило записи',
  'field.negative': 'не может быть отрицательной',
  'field.future': 'не может быть в будущем',
  'field.cannotBeFuture': 'не может быть в будущем',
  'field.money': 'должна быть суммой в рублях, не более 2 знаков после запятой, например 1234,50',
  'field.moneyRoubles': 'должно быть суммой в рублях',
  'field.moneyTwoDecimals': 'должно быть суммой в рублях, не больше двух знаков после запятой',
  'field.periodReversed': 'начало периода позже его конца',
  'field.contactOfOtherClient': 'этот контакт работает у другого клиента',
  'field.cannotSort': 'нельзя сортировать по «{{key}}»',
  'field.oneOfList': 'должно быть одним из: {{values}}',

  // ---- missing records ---------------------------------------------------------------------------------
  'notFound.apiToken': 'API-токен {{id}} не найден.',
  'notFound.calendarFeed': 'Календарь {{id}} не найден.',
  'notFound.claim': 'Претензия {{id}} не найдена.',
  'notFound.client': 'Клиент {{id}} не найден.',
  'notFound.clientLink': 'Связь клиентов {{id}} не найдена.',
  'notFound.consent': 'Согласие {{id}} не найдено.',
  'notFound.contact': 'Контакт {{id}} не найден.',
  'notFound.contactLink': 'Связь контактов {{id}} не найдена.',
  'notFound.familyMember': 'Член семьи {{id}} не найден.',
  'notFound.import': 'Импорт {{id}} не найден.',
  'notFound.interaction': 'Взаимодействие {{id}} не найдено.',
  'notFound.legalEntity': 'Юрлицо {{id}} не найдено.',
  'notFound.loss': 'Потеря {{id}} не найдена.',
  'notFound.mapping': 'Сопоставление {{id}} не найдено.',
  'notFound.order': 'Заказ {{id}} не найден.',
  'notFound.organisation': 'Организация {{id}} не найдена.',
  'notFound.payment': 'Платёж {{id}} не найден.',
  'notFound.product': 'Товар {{id}} не найден.',
  'notFound.share': 'Доступ пользователя {{id}} не найден.',
  'notFound.surveyLink': 'Ссылка на опрос {{id}} не найдена.',
  'notFound.surveyResponse': 'Ответ на опрос {{id}} не найден.',
  'notFound.task': 'Задача {{id}} не найдена.',
  'notFound.upload': 'Загруженный файл {{id}} не найден.',
  'notFound.usefulDate': 'Полезная дата {{id}} не найдена.',
  'notFound.user': 'Пользователь {{id}} не найден.',

  // ---- signing in and permissions ----------------------------------------------------------------------
  'auth.signInRequired': 'Войдите, чтобы продолжить: сеанса нет или он истёк.',
  'auth.tokenUnknown': 'API-токен неизвестен или отозван.',
  'auth.csrfHeader': 'Изменения со входом по cookie требуют заголовка {{header}} (защита от межсайтовых запросов).',
  'auth.tooManyFromAddress': 'Слишком много неудачных попыток входа с вашего адреса; попробуйте через {{seconds}} с.',
  'auth.locked':
    'Слишком много неудачных попыток входа с этим адресом: вход закрыт на {{minutes}} мин. Попробуйте позже или попросите администратора сбросить пароль.',
  'auth.wrongPassword': 'Неверный адрес электронной почты или пароль.',
  'auth.signInAgain': 'Войдите заново.',
  'access.readOnly': 'Ваша роль позволяет смотреть, но не изменять записи. Попросите администратора о роли менеджера.',
  'access.administratorOnly': 'Это может сделать только владелец компании.',
  'access.usersOnly': 'Пользователями управляют только владелец компании и руководитель продаж.',
  'access.signedInPersonOnly':
    'API-токен не может управлять пользователями, API-токенами, паролями и календарями: войдите в веб-приложение как пользователь.',
  'access.newClientOwner':
    'Новый клиент менеджера — его собственный: оставьте ответственного пустым или укажите себя. Клиентов другим менеджерам назначает руководитель продаж.',
  'access.cannotHandOver':
    'Менеджер не может передать своего клиента другому; попросите руководителя продаж переназначить его.',
  'access.cannotReassign': 'Ответственного за клиента меняют только руководитель продаж или владелец компании.',
  'access.importOnly': 'Загружать данные могут только владелец и руководитель продаж.',
  'access.importReports': 'Импорт и его отчёты доступны владельцу и руководителю продаж.',
  'access.userCannotSeeClient': 'этот пользователь не видит этого клиента: сначала откройте ему доступ к клиенту',
  'access.personalData':
    'Ваша роль видит показатели без персональных данных контактов (телефонов, почты, дней рождения, семьи, личных сведений). Если они нужны, обратитесь к администратору.',
  'access.sortPersonalData': 'нельзя сортировать по полю {{field}}: ваша роль видит контакты без персональных данных',
  ...role,

  // ---- users, API tokens and shares --------------------------------------------------------------------
  'user.emailTaken': 'В вашей организации уже есть пользователь с адресом {{email}}.',
  'user.newPasswordMissing': 'Один текущий пароль ничего не меняет: укажите и новый',
  'user.currentPasswordMissing': 'Чтобы сменить свой пароль, укажите и текущий',
  'user.currentPasswordWrong': 'Текущий пароль указан неверно',
  'user.ownerRoleByOwner': 'Сделать пользователя владельцем может только владелец компании.',
  'user.ownerAccount': 'Учётную запись владельца может изменить только владелец компании.',
  'user.disableSelf': 'Нельзя отключить собственную учётную запись: если это нужно, это сделает другой администратор.',
  'user.lastOwner':
    '{{name}} — единственный действующий владелец компании: сначала сделайте владельцем другого пользователя, затем меняйте эту учётную запись.',
  'user.resetOwnPassword':
    'Свой пароль меняют в меню учётной записи, указав текущий; сброс пароля — для других пользователей.',
  'token.othersByOwner': 'Чужие API-токены видит и отзывает только владелец компании.',
  'token.needsUser': 'Токен принадлежит пользователю; войдите как пользователь.',
  'token.beyondOwner':
    'Токен не может видеть или делать больше своего владельца: роль «$t(role.{{role}})» не может выпустить токен с ролью «$t(role.{{requested}})».',
  'share.notAllowed':
    'Открыть доступ к этому клиенту могут только ответственный за него, руководитель продаж или владелец компании.',
  'share.stopNotAllowed':
    'Закрыть доступ к этому клиенту могут только ответственный за него, руководитель продаж или владелец компании.',
  'share.owner': 'этот пользователь и так ведёт клиента',
  'share.seesAll': 'роль этого пользователя и так видит всех клиентов — делиться имеет смысл с менеджером',
  'share.disabled': 'этот пользователь отключён',

  // ---- sales: orders, payments, products, interactions -------------------------------------------------
  'order.productMissing': 'товара {{id}} нет в каталоге',
  'order.quantity': 'должно быть ненулевым числом, не более 3 знаков после запятой',
  'order.amountNonNegative': 'должна быть неотрицательной суммой, не более 2 знаков после запятой',
  'order.amountTooLarge': 'сумма больше 9 999 999 999 999,99 ₽',
  'order.dueBeforeOrder': 'срок оплаты не может быть раньше даты заказа',
  'payment.legalEntityOfOtherClient': 'это юрлицо относится к другому клиенту',
  'payment.orderOfOtherClient': 'этот заказ относится к другому клиенту',
  'payment.zero': 'платёж не может быть нулевым',

  // ---- clients -----------------------------------------------------------------------------------------
  'client.overrideReason': 'укажите, почему категория задана вручную (например, имиджевый клиент в отрасли)',
  'client.useLossForm':
    'чтобы отметить клиента потерянным, воспользуйтесь кнопкой «Клиент потерян»: в форме указываются причина, конкурент и выводы',
  'client.hasDocuments':
    'У клиента есть заказы ({{orders}}) и платежи ({{payments}}); история продаж сохраняется. Отметьте его как потерянного или сначала удалите эти документы.',
  'client.linkedToItself': 'клиента нельзя связать с самим собой',
  'client.alreadyLinked': 'Эти клиенты уже связаны так.',
  'client.requisitesTaken':
    '{{requisites}} уже указаны у клиента «{{name}}». Импорт узнаёт клиентов по ИНН и КПП, и два клиента с одинаковыми реквизитами делят документы одной компании. Откройте того клиента или сохраните всё равно, если это действительно другой клиент.',
  'client.requisitesTakenDetail':
    '{{requisites}} уже указаны у клиента «{{name}}». Импорт узнаёт клиентов по ИНН и КПП, и два клиента с одинаковыми реквизитами делят документы одной компании. Откройте того клиента или сохраните всё равно, если это действительно другой клиент. (allowDuplicateRequisites: true сохраняет всё равно)',
  'client.requisitesRegistered':
    '{{requisites}} уже зарегистрированы в организации — у клиента, с которым вы не работаете. Попросите руководителя отдела продаж открыть вам доступ или объединить клиентов, или сохраните всё равно, если это действительно другой клиент.',
  'client.requisitesRegisteredDetail':
    '{{requisites}} уже зарегистрированы в организации — у клиента, с которым вы не работаете. Попросите руководителя отдела продаж открыть вам доступ или объединить клиентов, или сохраните всё равно, если это действительно другой клиент. (allowDuplicateRequisites: true сохраняет всё равно)',
  'legalEntity.soleTraderKpp': 'у ИП (ИНН из 12 цифр) нет КПП — оставьте поле пустым',
  'legalEntity.companyOgrn': 'у организации (ИНН из 10 цифр) ОГРН из 13 цифр, а не ОГРНИП',
  'legalEntity.soleTraderOgrnip': 'у ИП (ИНН из 12 цифр) ОГРНИП из 15 цифр',

  // ---- requisites (ИНН, КПП, ОГРН, БИК, accounts) ------------------------------------------------------
  ...requisite,
  'requisite.innLength':
    'ИНН должен состоять из 10 цифр (организация) или 12 цифр (ИП или физическое лицо), а в этом — {{length}}.',
  'requisite.kppLength': 'КПП должен состоять из 9 знаков, а в этом — {{length}}.',
  'requisite.ogrnAnyLength':
    'ОГРН должен состоять из 13 цифр (организация) или 15 цифр (ОГРНИП индивидуального предпринимателя), а в этом — {{length}}.',
  'requisite.kppChars': 'КПП может содержать только цифры, а на 5-м и 6-м местах — ещё и заглавные латинские буквы.',
  'requisite.kppFormat': 'КПП состоит из 4 цифр, затем 2 цифр или заглавных латинских букв и ещё 3 цифр.',
  'requisite.bikStart': 'БИК должен начинаться с 0, 1 или 2, а этот начинается с {{first}}.',

  // ---- claims ------------------------------------------------------------------------------------------
  'claim.afterResolved': 'не может быть позже даты закрытия претензии',
  'claim.subjectEmpty': 'не может быть пустой',
  'claim.dueBeforeReceived': 'не может быть раньше даты поступления',
  'claim.contactUnknown': 'такого контакта нет в вашей организации',
  'claim.orderUnknown': 'такого документа нет в вашей организации',
  'claim.orderOfOtherClient': 'этот документ другого клиента',
  'claim.userUnknown': 'такого пользователя нет в вашей организации',
  'claim.cannotMove':
    'Претензию нельзя перевести из статуса «$t(claim.status.{{from}})» в статус «$t(claim.status.{{to}})»; из статуса «$t(claim.status.{{from}})» можно перевести в $t(claim.next.{{from}}).',
  'claim.cannotMoveField':
    'претензию нельзя перевести из статуса «$t(claim.status.{{from}})» в статус «$t(claim.status.{{to}})»; из статуса «$t(claim.status.{{from}})» можно перевести в $t(claim.next.{{from}})',
  'claim.resolutionRequired': 'опишите, что сделано для клиента, или почему претензия отклонена',

  ...claimStatus,
  ...claimNext,

  // ---- claims: the summary -----------------------------------------------------------------------------
  'claim.fromAfterTo': 'не может быть позже конца периода',
  'claim.periodTooLong_one': 'период не длиннее {{count}} года',
  'claim.periodTooLong_few': 'период не длиннее {{count}} лет',
  'claim.periodTooLong_many': 'период не длиннее {{count}} лет',
  'claim.periodTooLong_other': 'период не длиннее {{count}} года',

  // ---- losses ------------------------------------------------------------------------------------------
  'loss.alreadyLost': 'Клиент уже отмечен как потерянный {{lostOn, day}} (потеря {{id}}); измените ту запись.',
  'loss.boughtAfter': 'клиент покупал {{lastPurchase, day}}: дата потери должна быть позже последней покупки',
  'loss.competitorRequired': 'укажите конкурента, к которому ушёл клиент',
  'loss.future': 'дата потери не может быть позже сегодняшнего дня',

  // ---- surveys -----------------------------------------------------------------------------------------
  'survey.noAnswer': 'укажите хотя бы одну оценку (1–5) или готовность рекомендовать (0–10)',
  'survey.contactOfOtherClient': 'это контактное лицо другого клиента',
  'survey.fromAfterTo': 'не может быть позже даты окончания',
  'survey.tooManyPeriods_one': 'в диапазоне не больше {{count}} периода',
  'survey.tooManyPeriods_few': 'в диапазоне не больше {{count}} периодов',
  'survey.tooManyPeriods_many': 'в диапазоне не больше {{count}} периодов',
  'survey.tooManyPeriods_other': 'в диапазоне не больше {{count}} периода',
  'survey.linkUnknown': 'Эта ссылка на опрос неизвестна. Проверьте, что она скопирована целиком.',

  // ---- privacy: consents, erasure, export --------------------------------------------------------------
  'privacy.erasedNoConsent':
    'Персональные данные этого человека удалены по его запросу; новое согласие оформляется с новым контактом.',
  'privacy.consentWithdrawn': 'Это согласие уже отозвано {{withdrawnOn, day}}.',
  'privacy.erased':
    'Персональные данные этого человека удалены по его запросу; запись хранит только историю. Если человек снова предоставит данные, добавьте новый контакт.',
  'privacy.eraseNotAllowed':
    'Удалять персональные данные человека могут только владелец компании и руководитель продаж.',
  'privacy.eraseReason': 'укажите, по какому запросу удаляются данные',
  'privacy.alreadyErased': 'Персональные данные этого человека уже удалены {{erasedOn, day}}.',
  'privacy.exportNotAllowed':
    'Выгружать персональные данные человека могут только владелец компании, руководитель продаж и менеджер, ведущий клиента.',
  'consent.purpose': 'укажите, для чего обрабатываются данные (не короче 3 символов)',
  'consent.form': 'должна быть одной из: {{forms}}',
  'consent.separateDocument':
    'с 01.09.2025 согласие оформляется отдельным документом: письменно или в электронной форме',
  'consent.validUntil': 'должен быть позже даты получения согласия',
  'consent.withdrawnBeforeGiven': 'не может быть раньше даты получения согласия',

  // ---- calendar and tasks ------------------------------------------------------------------------------
  'calendar.tooManyFeedRequests': 'Слишком много запросов календаря с вашего адреса; попробуйте через {{seconds}} с.',
  'calendar.leadDaysType': 'должно быть числом дней',
  'calendar.leadDaysRange': 'должно быть целым числом дней от 0 до {{max}}',
  'calendar.settingsNotAllowed': 'Настройки календаря меняют только владелец и руководитель продаж.',
  'calendar.toBeforeFrom': 'не может быть раньше начала периода',
  'calendar.rangeTooLong_one': 'не позже чем через {{count}} день после начала периода',
  'calendar.rangeTooLong_few': 'не позже чем через {{count}} дня после начала периода',
  'calendar.rangeTooLong_many': 'не позже чем через {{count}} дней после начала периода',
  'calendar.rangeTooLong_other': 'не позже чем через {{count}} дня после начала периода',
  'calendar.feedNeedsUser': 'Календарь принадлежит пользователю, а у командной строки его нет.',
  'calendar.generatorNotAllowed': 'Создание задач-поздравлений запускают только владелец и руководитель продаж.',
  'task.mineOnly': 'Менеджер видит только свои задачи; запросите scope=mine.',
  'task.assignSelfOnly': 'Менеджер может назначать задачи только себе.',
  'task.contactOfOtherClient': 'контакт другого клиента',
  'task.handOverNotAllowed': 'Передать задачу другому могут только владелец и руководитель продаж.',

  // ---- people: family, useful dates, power structure, base analysis ------------------------------------
  'people.birthRange': 'должна быть датой с 1900 года по сегодняшний день',
  'people.notLeapYear': '{{date}} не существует: {{year}} — не високосный год',
  'people.noSuchDay': '{{date}} не существует: в {{month}}-м месяце нет {{day}}-го числа',
  'people.linkedToThemselves': 'человека нельзя связать с самим собой',
  'people.cycle': '{{from}} не может подчиняться {{to}}: {{to}} уже подчиняется {{from}} ({{path}})',
  'people.significanceUnknown': '«{{value}}» — не одно из значений {{values}}',

  // ---- analytics ---------------------------------------------------------------------------------------
  'analytics.periodOrder': 'период должен начинаться раньше, чем заканчивается',
  'analytics.periodFuture': 'период не может заканчиваться в будущем',
  'analytics.settingsNotAllowed': 'Настройки аналитики меняют только владелец и руководитель продаж.',
  'settings.range': 'должно быть: число от {{min}} до {{max}}',
  'settings.rangeWhole': 'должно быть: целое число от {{min}} до {{max}}',
  'settings.xyzGrain': 'должно быть month (месяц) или quarter (квартал)',
  'settings.paymentTracking': 'должно быть auto (автоматически), on (вкл.) или off (выкл.)',
  'settings.abcOrder': 'граница B должна быть выше границы A',
  'settings.xyzOrder': 'граница Y должна быть выше границы X',

  // ---- demo company ------------------------------------------------------------------------------------
  'demo.brokenReference':
    'Загрузка демонстрационных данных прервана: значения {{table}}.{{column}} ({{count}}) не указывают ни на одну строку {{target}}.',
  'demo.alreadyLoaded':
    'В этой организации уже есть демонстрационная компания; сначала удалите её (rapport demo --remove).',

  // ---- import: cells and rows --------------------------------------------------------------------------
  'import.value.required': 'обязательное поле не заполнено',
  'import.value.number': 'не число',
  'import.value.decimals': 'слишком много знаков после запятой',
  'import.value.too_large': 'слишком большое число',
  'import.value.date': 'не дата: ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД',
  'import.value.no_such_date': 'такой даты нет в календаре',
  'import.value.date_range': 'год вне 1900–2100',
  'import.value.boolean': 'ожидается «да» или «нет»',
  'import.value.email': 'не адрес электронной почты',
  'import.value.too_long': 'слишком длинный текст (больше 1000 символов)',
  'import.rule.priceOrAmount': 'нужна цена или сумма строки',
  'import.rule.zeroQuantity': 'количество равно нулю: цену по сумме не вычислить',
  'import.rule.currency': 'документы в иностранной валюте не импортируются: пересчитайте в рубли',
  'import.rule.kind':
    'неизвестный вид взаимодействия (звонок, встреча, визит, письмо, приём, подарок, поздравление, обучение)',
  'import.rule.accountLength': 'номер счёта должен состоять из 20 цифр',

  // ---- import: files, mappings and jobs ----------------------------------------------------------------
  'import.file.tooManyColumns':
    'В строке {{row}} больше {{max, number}} колонок (предел Excel, колонка XFD): такую таблицу загрузить нельзя.',
  'import.file.rowTooLong':
    'Строка {{row}} длиннее {{max, number}} символов: такую таблицу загрузить нельзя (проверьте разделитель и кавычки).',
  'import.file.invalidUtf8Row':
    'строка содержит байты, которые не являются текстом в кодировке UTF-8, указанной в файле: сохраните файл заново в UTF-8',
  'import.file.unreadable': 'Файл не читается: {{reason}}',
  'import.file.empty': 'Файл пуст.',
  'import.file.xls':
    'Это файл старого формата Excel 97–2003 (.xls): сохраните его как .xlsx или CSV и загрузите снова.',
  'import.file.noRow': 'В файле нет строки {{row}}.',
  'import.file.noHeader': 'Строка заголовков не найдена: в первых строках нет ни одного известного названия колонки.',
  'import.file.unclosedQuote': 'Строка {{line}}: поле в кавычках нигде не закрыто.',
  'import.file.tooLarge': 'файл больше {{mb}} МБ: разделите его на части',
  'import.file.tooLargeDetail': 'Файл слишком большой.',
  'import.file.gone': 'Загруженного файла больше нет (файлы хранятся сутки): загрузите его снова.',
  'import.xml.tooDeep': 'Файл не прочитать: около строки {{line}} элементы вложены глубже {{max}} уровней.',
  'import.xml.invalidUtf8':
    'Файл по своему объявлению в кодировке UTF-8, но в строке {{line}} есть байты не в UTF-8: сохраните его заново в UTF-8 (или укажите его настоящую кодировку).',
  'import.xml.tooManyGroups': 'В классификаторе каталога больше {{max, number}} групп (строка {{line}}).',
  'import.xml.document': 'Документ № {{number}}',
  'import.xml.documentUnnumbered': 'Документ (без номера)',
  'import.xml.tooManyParties':
    '$t(import.xml.{{document}}){{id}} на строке {{line}} называет больше {{max, number}} контрагентов: разделите его на документы поменьше и выгрузите снова.',
  'import.xml.tooManyLines':
    '$t(import.xml.{{document}}){{id}} на строке {{line}} содержит больше {{max, number}} строк: разделите его на документы поменьше и выгрузите снова.',
  'import.xml.tooManyRequisites':
    '$t(import.xml.{{document}}){{id}} на строке {{line}} содержит больше {{max, number}} реквизитов: разделите его на документы поменьше и выгрузите снова.',
  'import.xlsx.outOfMemory':
    'Книгу не прочитать: ей нужно больше памяти, чем доступно при чтении (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.tooManyParts':
    'Эту книгу не прочитать: в архиве {{count, number}} частей (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.partTooLarge':
    'Эту книгу не прочитать: её часть {{part}} распаковывается в {{mb, number}} МБ, больше допустимых для неё {{limit, number}} МБ (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.zipBomb':
    'Эту книгу не прочитать: её часть {{part}} распаковывается в {{ratio}} раз больше, чем упакована (настоящий лист сжимается примерно в десять раз; больше {{max}} — это zip-бомба) (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.partLargerThanDeclared':
    'Эту книгу не прочитать: её часть {{part}} распаковывается в большее, чем {{bytes, number}} байт, указанных в оглавлении архива (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.textPartTooLarge':
    'Эту книгу не прочитать: её часть {{part}} больше {{mb, number}} МБ (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.tooManySharedItems':
    'Эту книгу не прочитать: в её таблице общих строк больше {{max, number}} элементов (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.tooManySharedChars':
    'Эту книгу не прочитать: в её таблице общих строк больше {{max, number}} символов (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.sharedTextTooLong':
    'Эту книгу не прочитать: текст в её таблице общих строк длиннее {{max, number}} символов (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.xlsx.tagTooLong':
    'Эту книгу не прочитать: отдельный тег или текст в ней длиннее {{mb, number}} МБ (файл повреждён или составлен, чтобы перегрузить сервер).',
  'import.row.repeats': 'строка повторяет строку {{first}}',
  'import.row.documentClient': 'документ {{number}} в строке {{first}} указан с другим клиентом',
  'import.row.documentDate': 'документ {{number}} в строке {{first}} указан с другой датой',
  'import.row.sameClient': 'тот же клиент, что в строке {{first}}',
  'import.row.sameProduct': 'тот же товар, что в строке {{first}}',
  'import.row.clientUnknown': 'клиент не найден: сначала загрузите клиентов (по ИНН, коду или наименованию)',
  'import.row.documentIncomplete': 'другая строка этого документа отклонена, поэтому документ не загружен целиком',
  'import.mapping.columnsMissing': 'Не сопоставлены колонки для полей: {{fields}}.',
  'import.mapping.noColumn': 'не выбрана колонка для поля «{{field}}»',
  'import.mapping.unknownField': 'нет такого поля «{{field}}» для этого вида данных',
  'import.mapping.twice': 'поле «{{field}}» выбрано для двух колонок',
  'import.mapping.tooLong': 'в сопоставлении больше колонок, чем в файле',
  'import.kindUnknown': 'неизвестный вид данных',
  'import.kindUnknownDetail': 'Неизвестный вид данных.',
  'import.running': 'В организации уже идёт другой импорт: дождитесь его окончания.',
  'import.failed': 'Импорт не удался, ничего из него не записано: {{reason}}',
  'import.interruptedAnalytics':
    'Данные загружены, но сервер остановился, пока обновлял аналитику после импорта: запустите `rapport analyze`, чтобы пересчитать её.',
  'import.interrupted': 'Сервер остановился во время импорта; ничего из него не записано. Запустите импорт снова.',
  ...repeatedLines,
  'import.warning.unknownCost_one':
    'Строк без себестоимости: {{count}} ({{share, number}} % суммы продаж файла): ни в файле, ни в справочнике товаров нет закупочной цены. Маржа и прибыль по ним не считаются («нет данных о себестоимости»), а не 100 %; добавьте колонку «Себестоимость» или закупочные цены в справочник товаров.',
  'import.warning.unknownCost_few':
    'Строк без себестоимости: {{count}} ({{share, number}} % суммы продаж файла): ни в файле, ни в справочнике товаров нет закупочной цены. Маржа и прибыль по ним не считаются («нет данных о себестоимости»), а не 100 %; добавьте колонку «Себестоимость» или закупочные цены в справочник товаров.',
  'import.warning.unknownCost_many':
    'Строк без себестоимости: {{count}} ({{share, number}} % суммы продаж файла): ни в файле, ни в справочнике товаров нет закупочной цены. Маржа и прибыль по ним не считаются («нет данных о себестоимости»), а не 100 %; добавьте колонку «Себестоимость» или закупочные цены в справочник товаров.',
  'import.warning.unknownCost_other':
    'Строк без себестоимости: {{count}} ({{share, number}} % суммы продаж файла): ни в файле, ни в справочнике товаров нет закупочной цены. Маржа и прибыль по ним не считаются («нет данных о себестоимости»), а не 100 %; добавьте колонку «Себестоимость» или закупочные цены в справочник товаров.',
  'import.warning.catalogueCost_one':
    'Строк с себестоимостью из справочника товаров: {{count}}: в файле её нет, взята закупочная цена товара (не цена продажи).',
  'import.warning.catalogueCost_few':
    'Строк с себестоимостью из справочника товаров: {{count}}: в файле её нет, взята закупочная цена товара (не цена продажи).',
  'import.warning.catalogueCost_many':
    'Строк с себестоимостью из справочника товаров: {{count}}: в файле её нет, взята закупочная цена товара (не цена продажи).',
  'import.warning.catalogueCost_other':
    'Строк с себестоимостью из справочника товаров: {{count}}: в файле её нет, взята закупочная цена товара (не цена продажи).',

  // ---- import: the report of refused rows --------------------------------------------------------------
  'import.report.sheet': 'Отклонено',
  'import.report.row': 'Строка',
  'import.report.column': 'Колонка',
  'import.report.field': 'Поле',
  'import.report.value': 'Значение',
  'import.report.reason': 'Причина',
  'import.report.reasonCode': 'Код причины',

  // ---- backup and restore ------------------------------------------------------------------------------
  'backup.damaged': 'Резервная копия {{path}} повреждена или неполна ({{detail}}); ничего не восстановлено.',
  'backup.unwritable': 'Не удаётся записать резервную копию в {{path}}: {{reason}}',
  'backup.noFile': 'Файла резервной копии {{path}} нет.',
  'backup.unreadable': 'Не удаётся прочитать {{path}}: {{reason}}',
  'backup.notBackup': '{{path}} — не резервная копия Rapport.',
  'backup.newerFormat':
    '{{path}} — резервная копия формата версии {{version}}, созданная более новой версией Rapport; эта версия читает формат {{supported}}. Обновите Rapport, чтобы восстановить её.',
  'backup.clash':
    'Резервная копия конфликтует с данными, уже имеющимися в этой базе ({{table}}: {{reason}}). Восстанавливайте в пустую базу; ничего не восстановлено.',
  'backup.newerSchema':
    'Резервная копия создана более новой версией Rapport: в её базе есть миграции, которых нет здесь ({{migrations}}). Обновите Rapport, выполните rapport migrate и повторите восстановление.',
  'backup.organisationExists':
    'Организация {{id}} ({{name}}) уже есть в этой базе. Резервная копия восстанавливается только туда, где её организации ещё нет: укажите в DATABASE_URL новую пустую базу PostgreSQL или в RAPPORT_DATA_DIR новую папку и снова выполните rapport restore.',
  'backup.schemaDiffers':
    'В резервной копии есть {{what}}, которого нет в этой базе; восстановите её той версией Rapport, которой она создана.',
  'backup.usersClash':
    'Резервная копия конфликтует с данными, уже имеющимися в этой базе: пользователи другой организации здесь входят как {{emails}}. Восстанавливайте в пустую базу; ничего не восстановлено.',

  // ---- the command line (rapport …) --------------------------------------------------------------------
  'cli.description': 'Rapport: клиентская база и аналитика отношений с клиентами',
  'cli.serve': 'Запустить сервер API и веб-приложения',
  'cli.migrate': 'Применить миграции базы данных',
  'cli.demo': 'Загрузить демонстрационную компанию (или удалить её)',
  'cli.userAdd': 'Добавить пользователя в организацию',
  'cli.migrated': 'Применено миграций: {{applied}} (из {{total}})',
  'cli.upToDate': 'Схема базы данных актуальна (миграций: {{total}})',
  'cli.demoLoading': 'Первый запуск: загружаем демонстрационную компанию ({{clients}} клиентов)…',
  'cli.demoLoaded': 'Демонстрационная компания загружена: {{summary}}',
  'cli.demoRemoveHint': 'Удалить её: rapport demo --remove',
  'cli.demoRemoved': 'Демонстрационная компания удалена: клиентов {{clients}}',
  'cli.listening': 'Rapport работает по адресу {{address}}',
  'cli.apiDocs': 'Документация API: {{address}}',
  'cli.firstLogin': 'Первый администратор: {{email}}  пароль: {{password}}',
  'cli.passwordNote': '(создан сейчас и показан один раз; смените его после входа)',
  'cli.engineEmbedded':
    'База данных: встроенный PGlite в {{dir}} (без fsync: делайте резервные копии или используйте PostgreSQL через DATABASE_URL)',
  'cli.enginePostgres': 'База данных: сервер PostgreSQL',
  'cli.userAdded': 'Пользователь добавлен: {{email}} ({{role}}) в организации {{org}}',
  'cli.stopping': 'Остановка: завершаем текущие запросы…',
  'cli.stopForced': 'Остановлено, не дожидаясь текущих запросов',
  'cli.analyze': 'Пересчитать аналитику по документам (после импорта или для проверки) и вывести сводку',
  'cli.step.rollups': 'помесячные итоги',
  'cli.step.settlements': 'расчёты по документам',
  'cli.step.ladder': 'лестница лояльности',
  'cli.step.figures': 'показатели клиентов',
  'cli.step.segments': 'сегменты',
  'cli.step.charts': 'графики',
  'cli.analyzed':
    'Период {{from}} … {{to}}: клиентов {{clients}}, покупали {{buying}}; выручка {{revenue}} ₽, прибыль после затрат на обслуживание {{profit}} ₽ ({{seconds}} с)',
  'cli.ladderLine': 'Лестница лояльности: {{stages}}',
  'cli.noOrg': 'Нет организации {{org}}; есть организации: {{orgs}}',
  'cli.backup': 'Записать организацию, все её таблицы, в один файл резервной копии',
  'cli.restore': 'Восстановить резервную копию в базу, где её организации ещё нет',
  'cli.backupFile': 'файл резервной копии (gzip)',
  'cli.backupProgress': 'резервное копирование',
  'cli.restoreProgress': 'восстановление',
  'cli.backupWritten':
    'Резервная копия записана: {{path}} — организация {{org}} ({{name}}), таблиц {{tables}}, строк {{rows}}, {{mb}} МБ ({{seconds}} с)',
  'cli.restored': 'Организация {{org}} ({{name}}) восстановлена: таблиц {{tables}}, строк {{rows}} ({{seconds}} с)',
  'cli.restoredSignIn':
    'Пользователи входят заново со своими паролями: API-токены в резервной копии сохраняются, сеансы — нет.',
  'cli.option.clients': 'сколько клиентов создать',
  'cli.option.years': 'сколько лет истории создать',
  'cli.option.seed': 'зерно случайных чисел: одно и то же зерно даёт одни и те же данные',
  'cli.option.until': 'последний день истории (ГГГГ-ММ-ДД, по умолчанию сегодня)',
  'cli.option.org': 'номер организации (по умолчанию первая)',
  'cli.option.orgEvery': 'номер организации (по умолчанию все)',
  'cli.option.remove': 'удалить демонстрационную компанию',
  'cli.option.refreshOnly': 'пересчитать показатели и классы по итогам, не перечитывая документы',
  'cli.invalid.positive': 'нужно целое положительное число',
  'cli.invalid.date': 'нужна дата в виде ГГГГ-ММ-ДД',
  'cli.invalid.until': '--until: нужна дата в виде ГГГГ-ММ-ДД',
  'cli.invalid.role': '--role: одно из {{roles}}',
  'cli.invalid.password': '--password: не короче 10 символов',
  'cli.invalid.kind': '--kind: {{kinds}}',
  'cli.import.description':
    'Импорт клиентов, контактов, товаров, продаж, оплат или взаимодействий из CSV, XLSX или CommerceML (1С)',
  'cli.import.mapping': 'поле для каждой колонки через запятую, «-» — пропустить',
  'cli.import.saved': 'использовать сопоставление, сохранённое в мастере',
  'cli.import.headerRow': 'строка заголовков (иначе находится сама)',
  'cli.import.sheet': 'лист XLSX (по умолчанию первый)',
  'cli.import.dryRun': 'проверить всё, ничего не записывать',
  'cli.import.validOnly': 'загрузить верные строки, даже если другие отклонены',
  'cli.import.rejects': 'записать отклонённые строки в этот .csv или .xlsx',
  'cli.import.phase.reading': 'чтение и проверка',
  'cli.import.phase.writing': 'запись',
  'cli.import.phase.analytics': 'аналитика',
  'cli.import.seen': '{{format}} {{details}}; заголовки в строке {{row}}; похоже на: {{kind}}',
  'cli.import.notMapped': 'Ещё не сопоставлены: {{fields}}',
  'cli.import.runWithKind': 'Запустите снова с --kind, чтобы загрузить.',
  'cli.import.noSavedMapping': 'Нет сохранённого сопоставления «{{name}}»',
  'cli.import.rejectsWritten': 'Отклонённые строки записаны в {{file}}',
  'cli.import.done': 'Загружено',
  'cli.import.dry_run': 'Проверено (пробный прогон, ничего не записано)',
  'cli.import.rejected':
    'Отклонено: в файле есть ошибки, поэтому ничего не записано (--valid-only загрузит остальные строки)',
  'cli.import.counts':
    '{{status}}: строк {{read}}, верных {{valid}}, отклонено {{refused}}, пропущено {{skipped}} — {{seconds}} с, {{rate}} строк/с',
  'cli.import.note': '  Внимание: {{text}}',
  'cli.import.rejectLine': '  строка {{row}}, {{column}}: {{value}}{{text}}',
  'cli.import.more': '  … и ещё {{count}} (--rejects файл.csv запишет все)',
  'cli.congratulations.description':
    'Создать задачи-поздравления на сегодня (дни рождения ключевых фигур, полезные даты, профессиональные праздники)',
  'cli.congratulations.today': 'день, за который запустить, ГГГГ-ММ-ДД (по умолчанию сегодня или RAPPORT_TODAY)',
  'cli.congratulations.done':
    'Организация {{org}}, {{today}}: новых задач-поздравлений {{created}} (к сроку {{due}}, остальные уже были).',
  'cli.user': 'Управлять пользователями организации',
  'cli.option.port': 'порт, на котором слушать (по умолчанию PORT из окружения или 3000)',
  'cli.userAdd.email': 'адрес эл. почты, он же имя для входа',
  'cli.userAdd.name': 'имя, как его покажет приложение',
  'cli.userAdd.password': 'пароль не короче 10 символов (пользователь сменит его после входа)',
  'cli.userAdd.role': 'роль: {{roles}}',
  'cli.import.file': 'файл для загрузки (CSV, XLSX или CommerceML)',
  'cli.import.kind': 'что в файле: {{kinds}} (без него команда только покажет, что нашла)',
  'cli.import.encoding': 'кодировка CSV: {{encodings}} (иначе определяется сама)',
  'cli.import.delimiter': 'разделитель колонок CSV: {{delimiters}} (иначе определяется сам)',
  'cli.help.usage': 'Запуск:',
  'cli.help.options': 'Параметры:',
  'cli.help.globalOptions': 'Общие параметры:',
  'cli.help.commands': 'Команды:',
  'cli.help.arguments': 'Аргументы:',
  'cli.help.optionsArg': 'параметры',
  'cli.help.commandArg': 'команда',
  'cli.help.help': 'показать справку по команде',
  'cli.help.helpCommand': 'Показать справку по команде',
  'cli.help.version': 'показать номер версии',
  'cli.help.default': 'по умолчанию: {{value}}',
  'cli.help.choices': 'одно из: {{values}}',
  'cli.help.preset': 'без значения: {{value}}',
  'cli.help.env': 'переменная окружения: {{name}}',
  'cli.help.hint': '(rapport --help покажет команды и их параметры)',
  'cli.arg.file': 'файл',
  'cli.arg.n': 'число',
  'cli.arg.id': 'номер',
  'cli.arg.date': 'дата',
  'cli.arg.port': 'порт',
  'cli.arg.email': 'почта',
  'cli.arg.name': 'имя',
  'cli.arg.password': 'пароль',
  'cli.arg.role': 'роль',
  'cli.arg.kind': 'вид',
  'cli.arg.fields': 'поля',
  'cli.arg.encoding': 'кодировка',
  'cli.arg.char': 'символ',
  'cli.arg.sheet': 'лист',
  'cli.error.unknownOption': 'ошибка: неизвестный параметр «{{flag}}»',
  'cli.error.unknownCommand': 'ошибка: неизвестная команда «{{name}}»',
  'cli.error.missingArgument': 'ошибка: не указан обязательный аргумент «{{name}}»',
  'cli.error.optionMissingArgument': 'ошибка: у параметра «{{flags}}» нет значения',
  'cli.error.missingOption': 'ошибка: не указан обязательный параметр «{{flags}}»',
  'cli.error.tooManyArguments':
    'ошибка: слишком много аргументов у «{{command}}»: ожидается {{expected}}, передано {{got}}',
  'cli.error.invalidOption': 'ошибка: параметр «{{flags}}» не принимает «{{value}}»: {{reason}}',
  'cli.error.invalidArgument': 'ошибка: аргумент «{{name}}» не принимает «{{value}}»: {{reason}}',
  'cli.error.didYouMean': '(может быть, {{suggestion}}?)',

  // ---- the embedded database folder --------------------------------------------------------------------
  'dataDir.busy':
    'Встроенная база данных в {{dataDir}} занята: её использует процесс {{pid}} ({{command}}), с {{since}}.\nВстроенную базу (PGlite) нельзя открыть из двух процессов сразу, поэтому команда остановлена, данные не затронуты.\nЧто сделать:\n  - остановите тот процесс (rapport serve: Ctrl+C или kill {{pid}}) и повторите команду;\n  - или, пока сервер работает, загрузите файл через веб-приложение (Импорт) или API (POST /api/v1/imports);\n  - или работайте с сервером PostgreSQL (DATABASE_URL): его могут использовать сколько угодно процессов.',
  'dataDir.busyElsewhere':
    'Встроенная база данных в {{dataDir}} занята: её использует процесс {{pid}} ({{command}}), с {{since}}, на компьютере {{host}}.\nВстроенную базу (PGlite) нельзя открыть из двух процессов сразу, поэтому команда остановлена, данные не затронуты.\nЧто сделать:\n  - остановите тот процесс (rapport serve: Ctrl+C или kill {{pid}}) и повторите команду;\n  - или, пока сервер работает, загрузите файл через веб-приложение (Импорт) или API (POST /api/v1/imports);\n  - или работайте с сервером PostgreSQL (DATABASE_URL): его могут использовать сколько угодно процессов.\nБлокировка поставлена на другом компьютере; если там папку больше никто не использует, удалите {{lockFile}}.',

  // ---- export: one person's data (152-ФЗ ст. 14) -------------------------------------------------------
  'export.personal.contact': 'Контакт',
  'export.personal.field': 'Поле',
  'export.personal.value': 'Значение',
  'export.personal.consents': 'Согласия',
  'export.personal.family': 'Семья',
  'export.personal.dates': 'Полезные даты',
  'export.personal.links': 'Связи',
  'export.personal.interactions': 'Взаимодействия',
  'export.personal.claims': 'Претензии',
  'export.personal.surveys': 'Опросы',
  'export.personal.surveyLinks': 'Ссылки на опрос',
  'export.personal.tasks': 'Задачи',
  'export.personal.audit': 'Журнал изменений',
  'export.personal.organization': 'Оператор',
  'export.personal.client': 'Клиент',
  'export.personal.generatedAt': 'Выгружено',
  'export.personal.consentStatus': 'Статус согласия',
  'export.personal.destroyBy': 'Уничтожить до',
  'export.personal.erasedAt': 'Удалено по запросу',
  'export.personal.purpose': 'Цель обработки',
  'export.personal.form': 'Форма',
  'export.personal.givenOn': 'Дата получения',
  'export.personal.validUntil': 'Действует до',
  'export.personal.withdrawnOn': 'Дата отзыва',
  'export.personal.recordedByName': 'Записал',
  'export.personal.relation': 'Родство',
  'export.personal.title': 'Название',
  'export.personal.month': 'Месяц',
  'export.personal.day': 'День',
  'export.personal.year': 'Год',
  'export.personal.fromName': 'Кто',
  'export.personal.toName': 'Кому',
  'export.personal.userName': 'Сотрудник',
  'export.personal.type': 'Тип',
  'export.personal.category': 'Категория',
  'export.personal.channel': 'Канал',
  'export.personal.answeredOn': 'Дата ответа',
  'export.personal.comment': 'Комментарий',
  'export.personal.expiresAt': 'Действует до',
  'export.personal.answeredAt': 'Отвечено',
  'export.personal.locale': 'Язык',
  'export.personal.eventKind': 'Событие',
  'export.personal.eventOn': 'Дата события',
  'export.personal.at': 'Когда',
  'export.personal.actorKind': 'Источник',
  'export.personal.action': 'Действие',
  'export.personal.entity': 'Объект',
  'export.personal.entityId': 'Код объекта',
  'export.personal.before': 'Было',
  'export.personal.after': 'Стало',
  'export.personal.isKeyFigure': 'Ключевая фигура',
  'export.personal.personalTraits': 'Личные качества',
  'export.personal.professionalTraits': 'Деловые качества',
  'export.personal.hobbies': 'Увлечения',
  'export.personal.congratulationPreferences': 'Как поздравлять',
  'export.personal.giftIdeas': 'Идеи подарков',
  'export.personal.goods': 'Товар',
  'export.personal.staff': 'Персонал',
  'export.personal.prices': 'Цены',
  'export.personal.logistics': 'Логистика',
  'export.personal.service': 'Сервис',
  'export.personal.company': 'Компания',
  'export.personal.nps': 'NPS',

  // ---- export: analytics sheets ------------------------------------------------------------------------
  'export.analytics.clientId': 'Код клиента',
  'export.analytics.client': 'Клиент',
  'export.analytics.status': 'Статус',
  'export.analytics.region': 'Регион',
  'export.analytics.industry': 'Отрасль',
  'export.analytics.clientsSheet': 'Клиенты',
  'export.analytics.clientCount': 'Клиентов',
  'export.analytics.revenueRub': 'Выручка, ₽',
  'export.analytics.grossSalesBeforeReturnsRub': 'Валовые продажи (до возвратов), ₽',
  'export.analytics.profitRub': 'Прибыль, ₽',
  'export.analytics.segment': 'Сегмент',
  'export.analytics.marginRub': 'Маржа, ₽',
  'export.analytics.daysSincePurchaseMean': 'Дней с покупки (среднее)',
  'export.analytics.whaleCurve': 'Кривая прибыли',
  'export.analytics.shareOfClients': 'Доля клиентов',
  'export.analytics.cumulativeProfitRub': 'Накопленная прибыль, ₽',
  'export.analytics.shareOfProfit': 'Доля прибыли',
  'export.analytics.loyaltyLadder': 'Лестница лояльности',
  'export.analytics.stageAtStart': 'Ступень в начале',
  'export.analytics.stageAtEnd': 'Ступень в конце',
  'export.analytics.cohorts': 'Когорты',
  'export.analytics.quarterOfFirstPurchase': 'Квартал первой покупки',
  'export.analytics.quarter': 'Квартал',
  'export.analytics.retention': 'Удержание',
  'export.analytics.period': 'Период',
  'export.analytics.boughtInThePreviousPeriod': 'Покупали в прошлом периоде',
  'export.analytics.boughtAgain': 'Купили снова',
  'export.analytics.retentionRate': 'Удержание',
  'export.analytics.significantLost': 'Потеряно значимых',
  'export.analytics.significantGained': 'Приобретено значимых',
  'export.analytics.alarm': 'Тревога',
  'export.analytics.yes': 'да',
  'export.analytics.abcBy.profit': 'ABC по прибыли',
  'export.analytics.abcBy.revenue': 'ABC по выручке',
  'export.analytics.abcBy.gross': 'ABC по валовым продажам',

  // ---- export: base analysis ---------------------------------------------------------------------------
  'export.baseAnalysis.sheet': 'Базовый анализ',
  'export.baseAnalysis.clientId': 'Код клиента',
  'export.baseAnalysis.client': 'Клиент',
  'export.baseAnalysis.significance': 'Значимость',
  'export.baseAnalysis.owner': 'Ответственный',
  'export.baseAnalysis.revenue': 'Выручка, ₽',
  'export.baseAnalysis.profit': 'Прибыль, ₽',
  'export.baseAnalysis.contacts': 'Контактов',
  'export.baseAnalysis.answered': 'Отвечено вопросов',

  // ---- the calendar feed (iCalendar file) --------------------------------------------------------------
  'calendar.feed.name': 'Rapport: {{user}} ({{organisation}})',
  'calendar.feed.clients': 'Клиенты ({{count}}): {{names}}',
  'calendar.feed.clientsMore': 'Клиенты ({{count}}): {{names}}, и ещё {{rest}}',
  'calendar.feed.client': 'Клиент: {{name}}',
  'calendar.feed.contact': 'Контакт: {{name}}',
  'calendar.feed.age': 'Исполняется: {{years}}',
  'calendar.feed.card': 'Карточка клиента: {{url}}',
  'calendar.feed.task': 'Задача: {{title}}',
  'export.audit.at': 'Когда (UTC)',
  'export.audit.who': 'Кто',
  'export.audit.how': 'Как',
  'export.audit.action': 'Действие',
  'export.audit.what': 'Что',
  'export.audit.record': 'Запись',
  'export.audit.recordId': 'Код записи',
  'export.audit.client': 'Клиент',
  'export.audit.clientId': 'Код клиента',
  'export.audit.changes': 'Изменения',
  'export.surveys.channel.manager': 'Со слов клиента (менеджер)',
  'export.surveys.channel.link': 'Ответ по ссылке',

  // ---- stored and exported names -----------------------------------------------------------------------
  'privacy.erasedName': 'Контакт удалён по запросу (№ {{id}})',
  'privacy.erasedMark': '[удалено]',
  'export.surveys.sheet': 'Опросы',
  'export.audit.sheet': 'Журнал изменений',
};
