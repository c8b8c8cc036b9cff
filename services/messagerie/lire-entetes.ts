import { simpleParser } from 'mailparser';

export type EntetesMessage = { messageId: string | null; from: string | null; subject: string };

/** Headers are read from the first this many bytes at most: a header block longer is malformed. */
const maxHeaderBytes = 256 * 1024;

/**
 * The headers the intake decides on before anything else (who sends, which message), parsed from
 * the header block alone so that a large message is not parsed twice.
 */
export async function lireEntetes(raw: Buffer): Promise<EntetesMessage> {
  const head = raw.subarray(0, maxHeaderBytes);
  const end = head.indexOf('\r\n\r\n') >= 0 ? head.indexOf('\r\n\r\n') : head.indexOf('\n\n');
  const block = end >= 0 ? head.subarray(0, end) : head;
  const parsed = await simpleParser(Buffer.concat([block, Buffer.from('\r\n\r\n')]), { skipHtmlToText: true, skipTextToHtml: true });
  const from = parsed.from?.value.find((a) => a.address)?.address ?? null;
  return { messageId: parsed.messageId?.trim() || null, from: from?.toLowerCase() ?? null, subject: parsed.subject ?? '' };
}
