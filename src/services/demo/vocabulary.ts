// Word lists for a believable Russian wholesale distributor and its clients.
import type { ClaimCategory, ClaimType } from '../../core/claims/claims.js';
export const nameRoots = ['Строй', 'Техно', 'Агро', 'Мега', 'Альфа', 'Вектор', 'Сибирь', 'Волга', 'Урал', 'Нева', 'Кама', 'Профи', 'Гранит', 'Меридиан', 'Импульс', 'Север', 'Юг', 'Дон', 'Енисей', 'Байкал', 'Алтай', 'Атлант', 'Капитал', 'Лидер', 'Оптима', 'Ресурс', 'Стандарт', 'Прогресс', 'Эталон', 'Восток'];
export const nameSuffixes = ['Торг', 'Маркет', 'Снаб', 'Трейд', 'Комплект', 'Сервис', 'Пром', 'Инвест', 'Групп', 'Логистик', 'Мастер', 'Монтаж', 'Холдинг', 'Опт', 'Союз'];
/** How a name already taken is told apart, as real companies do: «ТД УралСервис», «УралСервис Плюс». */
export const namePrefixes = ['', 'ТД ', 'ПКФ ', 'ТК ', 'ГК ', 'НПО '];
export const nameQualifiers = ['', ' Плюс', '-Центр', ' М', ' Про'];
/** A namesake sole trader is told apart by the town, as a manager would write it. */
export const namesakeTowns = ['Казань', 'Самара', 'Тверь', 'Пермь', 'Омск', 'Тула', 'Курск', 'Рязань', 'Киров', 'Чита', 'Иваново', 'Липецк'];
export const legalForms = [['ООО', 'Общество с ограниченной ответственностью'], ['АО', 'Акционерное общество'], ['ПАО', 'Публичное акционерное общество'], ['ИП', 'Индивидуальный предприниматель']] as const;
export const industries = ['Строительство', 'Розничная торговля', 'Оптовая торговля', 'Производство', 'HoReCa', 'Сельское хозяйство', 'Транспорт и логистика', 'Энергетика', 'Медицина', 'Образование'];
export const regions: readonly (readonly [string, string])[] = [
  ['Москва', '77'], ['Санкт-Петербург', '78'], ['Московская область', '50'], ['Новосибирская область', '54'], ['Свердловская область', '66'],
  ['Республика Татарстан', '16'], ['Краснодарский край', '23'], ['Нижегородская область', '52'], ['Самарская область', '63'], ['Ростовская область', '61'],
  ['Красноярский край', '24'], ['Пермский край', '59'], ['Воронежская область', '36'], ['Челябинская область', '74'], ['Омская область', '55'],
];
export const maleFirst = ['Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Игорь', 'Максим', 'Владимир', 'Николай', 'Евгений', 'Павел', 'Олег'];
export const femaleFirst = ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Мария', 'Юлия', 'Екатерина', 'Марина', 'Анастасия'];
export const surnames = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев'];
export const patronymicRoots = ['Александров', 'Сергеев', 'Дмитриев', 'Андреев', 'Алексеев', 'Игорев', 'Владимиров', 'Николаев', 'Петров', 'Викторов'];
export const positions: readonly (readonly [string, readonly string[]])[] = [
  ['Генеральный директор', ['decision_maker', 'payment_decider']],
  ['Коммерческий директор', ['decision_maker', 'influencer']],
  ['Менеджер по закупкам', ['first_contact', 'influencer']],
  ['Главный инженер', ['technical', 'influencer']],
  ['Главный бухгалтер', ['payment_influencer']],
  ['Финансовый директор', ['payment_decider']],
  ['Начальник склада', ['technical']],
];
export const productGroups: readonly (readonly [string, readonly string[], number])[] = [
  ['Крепёж', ['Саморез', 'Болт', 'Анкер', 'Дюбель', 'Гайка'], 1500],
  ['Электроинструмент', ['Дрель', 'Перфоратор', 'Шуруповёрт', 'Болгарка', 'Лобзик'], 850000],
  ['Лакокрасочные материалы', ['Краска фасадная', 'Грунтовка', 'Эмаль', 'Лак', 'Растворитель'], 120000],
  ['Сухие смеси', ['Штукатурка', 'Шпаклёвка', 'Плиточный клей', 'Наливной пол', 'Цемент'], 45000],
  ['Сантехника', ['Смеситель', 'Труба ПП', 'Фитинг', 'Кран шаровый', 'Сифон'], 60000],
  ['Электрика', ['Кабель ВВГ', 'Автомат', 'Розетка', 'Выключатель', 'Щиток'], 35000],
  ['Инструмент ручной', ['Молоток', 'Уровень', 'Рулетка', 'Набор ключей', 'Ножовка'], 90000],
  ['Спецодежда', ['Перчатки', 'Каска', 'Костюм рабочий', 'Ботинки', 'Очки защитные'], 25000],
];
export const units = ['шт', 'упак', 'кг', 'м', 'компл'];
export const banks: readonly (readonly [string, string, string])[] = [
  ['ПАО Сбербанк', '044525225', '30101810400000000225'],
  ['АО «Альфа-Банк»', '044525593', '30101810200000000593'],
  ['Банк ВТБ (ПАО)', '044525187', '30101810700000000187'],
  ['ПАО «Промсвязьбанк»', '044525555', '30101810400000000555'],
];
export const outcomes = ['Договорились о поставке', 'Нужен повторный звонок', 'Запросили КП', 'Обсудили претензию', 'Согласовали отсрочку', 'Без результата'];
export const transportTypes = ['Газель', 'Фура 20 т', 'Манипулятор', 'Контейнер', 'Транспортная компания'];

type ClaimTopic = { type: ClaimType; category: ClaimCategory; subject: string; resolution: string; weight: number };
/**
 * What the clients complain about, wish and suggest: each subject under the one category it belongs
 * to, with what resolved it; weight = how often it comes up. Claims are about a delivery (the subject
 * names its document); wishes and suggestions are about the relationship.
 */
export const claimTopics: readonly ClaimTopic[] = [
  { type: 'claim', category: 'delivery', subject: 'Опоздание машины', resolution: 'Сменили перевозчика на этом маршруте', weight: 4 },
  { type: 'claim', category: 'delivery', subject: 'Недовложение в поставке', resolution: 'Довезли недостающее', weight: 4 },
  { type: 'claim', category: 'delivery', subject: 'Пересорт в поставке', resolution: 'Забрали пересорт, привезли нужное', weight: 2 },
  { type: 'claim', category: 'quality', subject: 'Брак в партии', resolution: 'Заменили бракованный товар', weight: 4 },
  { type: 'claim', category: 'quality', subject: 'Повреждена упаковка', resolution: 'Заменили товар, на складе усилили упаковку', weight: 3 },
  { type: 'claim', category: 'quality', subject: 'Товар не соответствует сертификату', resolution: 'Приняли возврат партии', weight: 1 },
  { type: 'claim', category: 'documents', subject: 'Ошибка в счёте-фактуре', resolution: 'Выставили корректировочный счёт-фактуру', weight: 2 },
  { type: 'claim', category: 'documents', subject: 'Нет УПД в комплекте документов', resolution: 'Отправили УПД по ЭДО', weight: 2 },
  { type: 'claim', category: 'staff', subject: 'Грубость водителя', resolution: 'Провели беседу с водителем, извинились перед клиентом', weight: 1 },
  { type: 'claim', category: 'staff', subject: 'Менеджер не перезвонил', resolution: 'Руководитель отдела продаж позвонил клиенту', weight: 1 },
  { type: 'claim', category: 'price', subject: 'Цена в счёте выше согласованной', resolution: 'Пересчитали по согласованной цене', weight: 2 },
  { type: 'claim', category: 'price', subject: 'Не применили скидку', resolution: 'Выставили корректировку со скидкой', weight: 1 },
  { type: 'claim', category: 'assortment', subject: 'Замена товара без согласования', resolution: 'Приняли замену назад, довезли заказанное', weight: 1 },
  { type: 'claim', category: 'payment', subject: 'Оплата не зачтена', resolution: 'Зачли оплату, прислали акт сверки', weight: 1 },
  { type: 'claim', category: 'payment', subject: 'Ошибка в акте сверки', resolution: 'Исправили акт сверки', weight: 1 },
  { type: 'wish', category: 'delivery', subject: 'Доставка до 10 утра', resolution: 'Ставим клиента в первый рейс', weight: 2 },
  { type: 'wish', category: 'delivery', subject: 'Предупреждать о выезде машины', resolution: 'Настроили СМС о выезде', weight: 1 },
  { type: 'wish', category: 'documents', subject: 'Перейти на электронный документооборот', resolution: 'Подключили ЭДО', weight: 2 },
  { type: 'wish', category: 'payment', subject: 'Отсрочка платежа 30 дней', resolution: 'Согласовали отсрочку дополнительным соглашением', weight: 2 },
  { type: 'wish', category: 'price', subject: 'Скидка за объём', resolution: 'Ввели скидку от объёма заказа', weight: 1 },
  { type: 'wish', category: 'assortment', subject: 'Расширить ассортимент', resolution: 'Добавили позиции в каталог', weight: 1 },
  { type: 'suggestion', category: 'delivery', subject: 'Поставки по графику', resolution: 'Перешли на поставки по графику', weight: 1 },
  { type: 'suggestion', category: 'assortment', subject: 'Держать на складе ходовые позиции клиента', resolution: 'Завели неснижаемый остаток', weight: 1 },
  { type: 'suggestion', category: 'other', subject: 'Совместная акция для покупателей', resolution: 'Провели совместную акцию', weight: 1 },
  { type: 'suggestion', category: 'other', subject: 'Обучение персонала клиента', resolution: 'Провели обучение у клиента', weight: 1 },
];
/** What a rejected claim, wish or suggestion was answered. */
export const claimRejections: Readonly<Record<ClaimType, string>> = {
  claim: 'Претензия не подтвердилась, объяснили условия договора',
  wish: 'Пока не можем, объяснили клиенту почему',
  suggestion: 'Пока не можем, объяснили клиенту почему',
};
