/**
 * The secure e-mail channel end to end, against `cli serve` as its own process with the SMTP
 * listener on: a guichet's message of 5 attachments (3 phone-style JPEG pages sent inline, 2 PDFs,
 * none typed by its name, so each is read and classified) from the end of DATA to its last piece
 * filed, p50/p95 over several messages; then 20 SMTP sessions at once, each message filed once.
 * Writes docs/benchmarks-mail.md with the command, the commit and the machine's load.
 *
 *   npm run bench:mail [-- --messages N]
 */
import { writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { AVIS_IMPOSITION, BULLETIN_DE_PAIE, composer822, pageDocument, pdfDocument } from '../fixtures/messages.ts';
import { tempDir } from '../test/support/backends.ts';
import { freePort, runCli, startServer } from '../test/support/server-process.ts';
import { cliArgs, loadavg, memInfo, procCpu, progressLog, revision, root, updateIndex } from './bench/machine.ts';

const { args, option } = cliArgs();
const log = progressLog('bench:mail');
const runs = Number(option('messages') ?? 6);
const sessions = 20;
const GUICHET = 'pieces@guichet-metz.example';
const started = new Date();
const loadAtStart = loadavg();

const numero = (i: number) => `057 1215 ${String(100000 + i).padStart(6, '0')} 10691`;
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const CAF = [
  'ATTESTATION DE PAIEMENT',
  "Caisse d'allocations familiales de la Moselle",
  'Allocation logement   Prime d’activité',
  'Montants versés au cours des 3 derniers mois',
];
const CONTRAT = [
  'CONTRAT DE TRAVAIL À DURÉE INDÉTERMINÉE',
  "Entre l'employeur Boulangerie du Centre et le salarié",
  'Article 1 : engagement   Article 2 : période d’essai',
  'Rémunération brute mensuelle',
];

const dataDir = await tempDir('du-bench-mail-');
const smtpPort = await freePort();
const env = { DATA_DIR: dataDir, SMTP_PORT: String(smtpPort), LOG_LEVEL: 'warn' };
const server = await startServer(env, 60_000);
try {
  const csv = path.join(dataDir, 'demandes.csv');
  const lignes = Array.from({ length: runs + sessions }, (_, i) => `${numero(i)},active,Lefèvre,Élodie,1988-03-14,,10691,2015-12-03,`);
  await fs.writeFile(csv, ['numeroUnique,etat,nom,prenom,dateNaissance,email,guichet,dateDepot,dateRadiation', ...lignes].join('\n'));
  await runCli(['demandes', 'import', csv], env);
  const motDePasse = (await runCli(['guichets', 'add', '10691', GUICHET], env)).lastLine;
  const token = (await runCli(['token', 'create', '--role', 'gestionnaire'], env)).lastLine;
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user: '10691', pass: motDePasse },
    pool: false,
  });
  const lotStatut = async (id: string) =>
    ((await (await fetch(`${server.baseUrl}/v1/lots/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { statut: string }).statut;
  const settle = async (id: string) => {
    for (;;) {
      const statut = await lotStatut(id);
      if (['termine', 'a_revoir', 'echec'].includes(statut)) return statut;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const send = async (raw: Buffer) => {
    const info = await transport.sendMail({ envelope: { from: GUICHET, to: ['depot@dossier-unique.example'] }, raw });
    return /lot ([0-9a-f-]{36})/.exec(info.response)![1]!;
  };

  // --- one message of 5 attachments, several times, one after the other ---
  const photos = [await pageDocument(BULLETIN_DE_PAIE), await pageDocument(CAF), await pageDocument(AVIS_IMPOSITION)];
  const pdfs = [await pdfDocument(CONTRAT), await pdfDocument(AVIS_IMPOSITION)];
  const latencies: number[] = [];
  const cpu: number[] = [];
  const statuts: string[] = [];
  const types: string[] = [];
  for (let i = 0; i < runs; i++) {
    const raw = await composer822({
      from: GUICHET,
      to: 'depot@dossier-unique.example',
      subject: `Pièces du dossier ${numero(i)}`,
      messageId: `<bench-${i}-${started.getTime()}@guichet.example>`,
      text: 'Envoyé de mon téléphone',
      attachments: [
        ...photos.map((content, k) => ({ filename: `IMG_${2030 + k}.JPG`, content, contentType: 'image/jpeg', contentDisposition: 'inline' as const })),
        ...pdfs.map((content, k) => ({ filename: `scan000${k + 1}.pdf`, content, contentType: 'application/pdf' })),
      ],
    });
    const cpu0 = procCpu(server.child.pid!) ?? 0;
    const id = await send(raw);
    const t0 = performance.now();
    statuts.push(await settle(id));
    latencies.push(performance.now() - t0);
    const filed = (await (
      await fetch(`${server.baseUrl}/v1/dossiers/${encodeURIComponent(numero(i))}/pieces`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      items: { type: string }[];
    };
    types.push(
      filed.items
        .map((p) => p.type)
        .sort()
        .join(' '),
    );
    cpu.push((procCpu(server.child.pid!) ?? 0) - cpu0);
    log(`message ${i + 1}/${runs}: ${s(latencies.at(-1)!)} → ${statuts.at(-1)}, pieces ${types.at(-1)}`);
  }

  // --- 20 sessions at once, one typed piece each, each in its own dossier ---
  const avis = await pdfDocument(AVIS_IMPOSITION);
  const messages = await Promise.all(
    Array.from({ length: sessions }, (_, i) =>
      composer822({
        from: GUICHET,
        to: 'depot@dossier-unique.example',
        subject: `Dossier ${numero(runs + i)}`,
        messageId: `<bench-parallele-${i}-${started.getTime()}@guichet.example>`,
        text: 'Bonjour',
        attachments: [{ filename: 'AVI.pdf', content: avis, contentType: 'application/pdf' }],
      }),
    ),
  );
  const t0 = performance.now();
  const outcomes = await Promise.allSettled(messages.map(send));
  const accepted = performance.now() - t0;
  const errors = outcomes.filter((o) => o.status === 'rejected').length;
  const ids = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  await Promise.all(ids.map(settle));
  const allFiled = performance.now() - t0;
  let filedOnce = 0;
  for (let i = 0; i < sessions; i++) {
    const r = await fetch(`${server.baseUrl}/v1/dossiers/${encodeURIComponent(numero(runs + i))}/pieces`, { headers: { authorization: `Bearer ${token}` } });
    if (((await r.json()) as { items: unknown[] }).items.length === 1) filedOnce++;
  }
  log(`${sessions} sessions: ${errors} errors, ${filedOnce} filed once`);

  const mem = memInfo();
  const lines = [
    '# Benchmarks: secure e-mail channel',
    '',
    `Written by \`npm run bench:mail\` (scripts/bench-mail.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Re-run it to refresh.`,
    '',
    '## Machine and command',
    '',
    `- ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, ${mem.totalGiB.toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.`,
    `- Load average (1/5/15 min): ${loadAtStart} at the start, ${loadavg()} at the end.`,
    `- Code: ${revision}.`,
    `- Command: \`npm run bench:mail${args.length ? ` -- ${args.join(' ')}` : ''}\`. Server: \`cli serve\` as its own process with \`SMTP_PORT\` (embedded PGlite and S3, empty DATA_DIR, self-signed STARTTLS certificate); nodemailer in this process sends over loopback with STARTTLS and AUTH PLAIN.`,
    '',
    '## A message of 5 attachments, from DATA to its last piece filed',
    '',
    `${runs} messages one after the other, each to its own dossier: 3 JPEG pages (A4 at 100 dpi, text documents as a phone client sends them inline) and 2 one-page PDFs, none named with a type code, so each attachment is read by OCR and classified. Time from the 250 reply to DATA (the message is stored and recorded) to the lot settled (its last piece filed, or its last task opened).`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| p50 | ${s(pct(latencies, 50))} |`,
    `| p95 | ${s(pct(latencies, 95))} |`,
    `| server CPU per message (median) | ${pct(cpu, 50).toFixed(1)} CPU-s (${(pct(cpu, 50) / 5).toFixed(2)} CPU-s per attachment) |`,
    `| pieces filed per message (types) | ${[...new Set(types)].map((t) => `${t || 'none'}`).join('; ')} |`,
    `| lots settled | ${statuts.filter((x) => x === 'termine').length} \`termine\`, ${statuts.filter((x) => x === 'a_revoir').length} \`a_revoir\` (a type left to an operator), ${statuts.filter((x) => x === 'echec').length} \`echec\` |`,
    '',
    `## ${sessions} SMTP sessions at once`,
    '',
    `${sessions} messages sent at the same time, each on its own connection, each with one PDF named \`AVI.pdf\` for its own dossier.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| errors | ${errors} |`,
    `| each message filed once | ${filedOnce}/${sessions} |`,
    `| all accepted (250) after | ${s(accepted)} |`,
    `| all filed after | ${s(allFiled)} |`,
    '',
  ];
  writeFileSync(path.join(root, 'docs', 'benchmarks-mail.md'), lines.join('\n'));
  updateIndex(
    'mail',
    `[Secure e-mail](benchmarks-mail.md) (\`npm run bench:mail\`, ${started.toISOString().slice(0, 10)}): 5 attachments read and filed p50 ${s(pct(latencies, 50))} / p95 ${s(pct(latencies, 95))} after DATA; ${sessions} sessions at once: ${errors} errors, ${filedOnce}/${sessions} filed once.`,
  );
  log('docs/benchmarks-mail.md written');
} finally {
  await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
