/** Names of the analytics' vocabularies (ladder stages, RFM segments, categories) in the UI language. */
import { useCallback } from 'react';
import { categoryLabels, ladderStageLabels, rfmSegmentLabels } from '../../core/analytics/labels.js';
import {
  abcClasses,
  computedCategories,
  ladderRank,
  ladderStages,
  rfmSegments,
  xyzClasses,
} from '../../core/analytics/segments.js';
import { categoryOverrides } from '../../core/vocabulary.js';
import { NO_VALUE } from './format.js';
import { useLanguage, type Language } from './i18n.js';

export { abcClasses, ladderRank, ladderStages, rfmSegments, xyzClasses };
/** Categories a client can have: computed ones and the manual ones (image, perspective). */
export const categories = [
  ...new Set<string>([...computedCategories, ...categoryOverrides]),
] as (keyof typeof categoryLabels)[];

export type Vocabulary = 'ladderStage' | 'rfmSegment' | 'category';
const vocabularies: Record<Vocabulary, Record<string, { ru: string; en: string }>> = {
  ladderStage: ladderStageLabels,
  rfmSegment: rfmSegmentLabels,
  category: categoryLabels,
};

/** `segment('ladderStage', 'adherent')` → "Приверженец"; an unknown value is shown as it is. */
export function segmentLabel(vocabulary: Vocabulary, value: string | null | undefined, language: Language): string {
  if (value === null || value === undefined || value === '') return NO_VALUE;
  return vocabularies[vocabulary][value]?.[language] ?? value;
}

export function useSegmentLabel(): (vocabulary: Vocabulary, value: string | null | undefined) => string {
  const language = useLanguage();
  return useCallback((vocabulary, value) => segmentLabel(vocabulary, value, language), [language]);
}

export function useSegmentOptions(vocabulary: Vocabulary): { value: string; label: string }[] {
  const language = useLanguage();
  const values: readonly string[] =
    vocabulary === 'ladderStage' ? ladderStages : vocabulary === 'rfmSegment' ? rfmSegments : categories;
  return values.map((value) => ({ value, label: segmentLabel(vocabulary, value, language) }));
}
