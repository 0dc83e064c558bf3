import type { BgNbdFallbackReason } from './bgnbd.js';
import type { GammaGammaFallbackReason } from './gamma-gamma.js';

type Label = { ru: string; en: string };

/**
 * Why a forecast model gave no parameters, in both languages (docs/analytics.md §21.4): shown instead
 * of the figures a degenerate fit would have printed.
 */
export const fitFallbackLabels: Record<BgNbdFallbackReason | GammaGammaFallbackReason, Label> = {
  'too-few-clients': {
    ru: 'Слишком мало клиентов для прогноза',
    en: 'Too few clients for a forecast',
  },
  'too-few-repeat-buyers': {
    ru: 'Слишком мало клиентов с повторными покупками для прогноза',
    en: 'Too few clients with repeat purchases for a forecast',
  },
  'non-finite-likelihood': {
    ru: 'Модель не удалось рассчитать на этих данных',
    en: 'The model could not be computed on this data',
  },
  'not-converged': {
    ru: 'Подбор параметров модели не сошёлся',
    en: 'The model fit did not converge',
  },
  'no-evidence-of-dropout': {
    ru: 'Данные не показывают ухода клиентов: вероятность «жив» не рассчитывается',
    en: 'The data show no sign of clients dropping out: no probability of being alive',
  },
  'parameter-at-bound': {
    ru: 'Параметр модели ушёл в бесконечность: данные не подходят для модели',
    en: 'A model parameter ran off to its limit: the data do not suit the model',
  },
  'flat-likelihood': {
    ru: 'Данные не позволяют однозначно оценить параметры модели',
    en: 'The data do not pin down the model parameters',
  },
  'infinite-mean': {
    ru: 'Средняя сумма покупки по модели не определена (q ≤ 1)',
    en: 'The model gives no mean purchase value (q ≤ 1)',
  },
};
