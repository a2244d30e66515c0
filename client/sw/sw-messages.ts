/** The service worker's message to the POS pages carrying a replayed push's detailed answer ({ type, body }). */
export const PUSH_ANSWER_MESSAGE = 'PUSH_ANSWER';
