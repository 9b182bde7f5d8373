/**
 * What became of a command's reply, in one word (daemon/reply-fate.ts says which applies): the
 * message log reports it, and its search narrows by it.
 */
export const REPLY_STATUSES = ['waiting', 'not-sent', 'http-only', 'in-response', 'pending', 'retrying', 'sending', 'sent', 'delivered', 'uncertain', 'failed', 'refused'] as const;

export type ReplyStatus = (typeof REPLY_STATUSES)[number];
