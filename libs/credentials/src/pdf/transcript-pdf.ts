import { formatCredits, levelLabel } from '../frameworks.js';
import { awardLine, type Transcript, type TranscriptCourse } from '../transcript.js';
import { useUnicodeFonts, writeText, type FontName } from './fonts.js';
import { renderPdf } from './pdf-buffer.js';
import { longDate, shortDate, THEME as T } from './theme.js';

const PAGE = { width: 595.28, height: 841.89 };
const M = 50;
const WIDTH = PAGE.width - 2 * M;
const BOTTOM = PAGE.height - M;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** A new page when less than `height` is left on this one. */
const room = (doc: Doc, height: number): void => {
  if (doc.y + height <= BOTTOM) return;
  doc.addPage();
  doc.y = M;
};

/** `writeText` at the current position, moving below it (a mixed-script line does not move the cursor itself). */
const write = (doc: Doc, text: string, font: FontName, x: number, width: number): void => {
  const top = doc.y;
  writeText(doc, text, font, x, top, { width });
  doc.y = Math.max(doc.y, top + doc.currentLineHeight(true));
};

/** One line (or paragraph) tagged as `role`, in whichever fonts its scripts need. */
const line = (
  doc: Doc,
  text: string,
  font: FontName,
  size: number,
  color: string,
  options: { role?: string; gap?: number; x?: number; width?: number } = {},
): void => {
  const { role = 'P', gap = 0, x = M, width = WIDTH - (x - M) } = options;
  room(doc, size * 1.4);
  doc.fontSize(size).fillColor(color);
  doc.addStructure(doc.struct(role, {}, () => write(doc, text, font, x, width)));
  doc.y += gap;
};

const COLUMNS: { title: string; width: number; align?: 'right' }[] = [
  { title: 'Component', width: 175 },
  { title: 'Weight', width: 45, align: 'right' },
  { title: 'Pass mark', width: 55, align: 'right' },
  { title: 'Attempt', width: 45, align: 'right' },
  { title: 'Submitted', width: 80, align: 'right' },
  { title: 'Mark', width: WIDTH - 400, align: 'right' },
];

/** A table row: TH or TD cells, each its own structure element, so a screen reader reads it as a table. */
const row = (doc: Doc, table: Struct, cells: string[], header: boolean): void => {
  const height = 13;
  room(doc, height);
  const tr = doc.struct('TR');
  table.add(tr);
  const top = doc.y;
  let x = M;
  cells.forEach((text, i) => {
    const column = COLUMNS[i]!;
    const at = x;
    doc.fontSize(header ? 6.5 : 8.5).fillColor(header ? T.muted : T.ink);
    tr.add(
      doc.struct(header ? 'TH' : 'TD', {}, () =>
        writeText(doc, text, header ? T.sansBold : T.sans, at + 4, top + 2, {
          width: column.width - 8,
          align: column.align ?? 'left',
          lineBreak: false,
          ellipsis: true,
        }),
      ),
    );
    x += column.width;
  });
  tr.end();
  doc
    .lineWidth(0.4)
    .strokeColor(T.rule)
    .moveTo(M, top + height)
    .lineTo(M + WIDTH, top + height)
    .stroke();
  doc.y = top + height + 1;
};

const marks = (doc: Doc, course: TranscriptCourse): void => {
  const attempts = course.components.flatMap((component) =>
    component.attempts.length === 0
      ? [[component.title, `${component.weight}%`, `${component.passMark}%`, '', 'not submitted', '']]
      : component.attempts.map((attempt) => [
          component.title,
          `${component.weight}%`,
          `${component.passMark}%`,
          String(attempt.attempt),
          shortDate(attempt.submittedAt),
          attempt.mark === null ? 'not marked' : `${attempt.mark}%`,
        ]),
  );
  const table = doc.struct('Table');
  doc.addStructure(table);
  row(
    doc,
    table,
    COLUMNS.map((column) => column.title.toUpperCase()),
    true,
  );
  for (const cells of attempts) row(doc, table, cells, false);
  table.end();
  doc.y += 4;
};

const courseEntry = (doc: Doc, course: TranscriptCourse): void => {
  room(doc, 90);
  const section = doc.struct('Sect');
  doc.addStructure(section);
  doc.fontSize(11.5).fillColor(T.navy);
  section.add(doc.struct('H2', {}, () => write(doc, `${course.code}  ${course.title}`, T.serifBold, M, WIDTH)));
  doc.y += 2;
  const facts = [
    course.level ? levelLabel(course.level) : null,
    `${formatCredits(course.credits)} credits`,
    `started ${longDate(course.startDate)}`,
  ].filter((fact): fact is string => fact !== null);
  doc.fontSize(8).fillColor(T.muted);
  section.add(doc.struct('P', {}, () => write(doc, facts.join('  \u00b7  '), T.sans, M, WIDTH)));
  doc.y += 2;
  const outcome = course.outcome
    ? `Overall ${course.outcome.weightedMark}%${course.outcome.grade ? ` (${course.outcome.grade})` : ''}${course.outcome.confirmed ? '' : ', provisional until the board confirms it'}`
    : null;
  doc.fontSize(9).fillColor(T.ink);
  section.add(
    doc.struct('P', {}, () => write(doc, [course.standing, outcome].filter(Boolean).join('. '), T.sansBold, M, WIDTH)),
  );
  section.end();
  doc.y += 4;
  marks(doc, course);
  if (course.award)
    line(doc, awardLine(course.award), T.sansBold, 8.5, course.award.revoked ? T.red : T.navy, { gap: 2 });
  doc.y += 12;
};

/**
 * The learner's transcript as a tagged A4 PDF in embedded Unicode fonts: every course with each
 * component attempt's mark, the overall result, the credit and the award (revocations in red).
 */
export const renderTranscriptPdf = (transcript: Transcript): Promise<Buffer> =>
  renderPdf(
    {
      size: 'A4',
      margin: M,
      compress: true,
      tagged: true,
      pdfVersion: '1.7',
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: `Transcript of ${transcript.learnerName}`,
        Author: transcript.issuerName,
        Subject: 'Transcript of academic record: courses, marks, credit and awards',
      },
    },
    (doc) => {
      useUnicodeFonts(doc);
      doc.y = M;
      line(doc, transcript.issuerName, T.serifBold, 16, T.navy, { gap: 2 });
      line(doc, 'TRANSCRIPT OF ACADEMIC RECORD', T.sansBold, 7.5, T.gold, { gap: 10 });
      line(doc, transcript.learnerName, T.serifBold, 22, T.ink, { role: 'H1', gap: 4 });
      line(doc, `Learner ${transcript.learnerId}`, T.sans, 8, T.muted, { gap: 2 });
      line(
        doc,
        `Credit of standing awards: ${formatCredits(transcript.credits.cats)} CATS (${formatCredits(transcript.credits.ects)} ECTS)  \u00b7  record as of ${longDate(transcript.asOf)}`,
        T.sans,
        8,
        T.muted,
        { gap: 8 },
      );
      doc
        .lineWidth(1)
        .strokeColor(T.gold)
        .moveTo(M, doc.y)
        .lineTo(M + WIDTH, doc.y)
        .stroke();
      doc.y += 14;
      if (transcript.courses.length === 0) line(doc, 'No courses on record.', T.sans, 9, T.ink);
      for (const course of transcript.courses) courseEntry(doc, course);
      line(
        doc,
        'Marks are percentages. A mark is provisional until the examination board confirms the outcome. ' +
          'The same record is issued, signed, as a 1EdTech CLR 2.0 credential.',
        T.sans,
        7,
        T.muted,
      );
    },
  );
