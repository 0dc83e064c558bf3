// The contract's closed vocabularies live in core, so the web app can use them as values too.
export * from '../core/vocabulary.js';
