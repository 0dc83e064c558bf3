import type { ComputedCategory, LadderStage, RfmSegment } from './segments.js';

type Label = { ru: string; en: string };

/** Names of the ladder stages, RFM segments and categories in both languages (exports, CLI, web). */
export const ladderStageLabels: Record<LadderStage, Label> = {
  unaware: { ru: 'Не знает о нас', en: 'Unaware' },
  aware: { ru: 'Знает о нас', en: 'Aware' },
  first_purchase: { ru: 'Первая покупка', en: 'First purchase' },
  repeat_purchase: { ru: 'Повторная покупка', en: 'Repeat purchase' },
  frequent: { ru: 'Частые покупки', en: 'Frequent' },
  adherent: { ru: 'Приверженец', en: 'Adherent' },
  lost: { ru: 'Потерян', en: 'Lost' },
};

export const rfmSegmentLabels: Record<RfmSegment, Label> = {
  champions: { ru: 'Чемпионы', en: 'Champions' },
  loyal: { ru: 'Лояльные', en: 'Loyal' },
  potential_loyalists: { ru: 'Потенциально лояльные', en: 'Potential loyalists' },
  recent: { ru: 'Новые', en: 'Recent customers' },
  promising: { ru: 'Перспективные', en: 'Promising' },
  need_attention: { ru: 'Требуют внимания', en: 'Need attention' },
  about_to_sleep: { ru: 'Засыпающие', en: 'About to sleep' },
  at_risk: { ru: 'Под угрозой', en: 'At risk' },
  cant_lose: { ru: 'Нельзя потерять', en: "Can't lose them" },
  hibernating: { ru: 'Спящие', en: 'Hibernating' },
  lost: { ru: 'Потерянные', en: 'Lost' },
};

export const categoryLabels: Record<ComputedCategory | 'image' | 'perspective', Label> = {
  productive: { ru: 'Продуктивный', en: 'Productive' },
  loss_making: { ru: 'Убыточный', en: 'Loss-making' },
  insignificant: { ru: 'Незначимый', en: 'Insignificant' },
  average: { ru: 'Средний', en: 'Average' },
  image: { ru: 'Имиджевый', en: 'Image' },
  perspective: { ru: 'Перспективный', en: 'Promising' },
};
