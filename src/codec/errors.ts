/** The one error every codec function throws on bad input; callers catch this, never a TypeError. */
export class CodecError extends Error {
  override readonly name = 'CodecError';
}
