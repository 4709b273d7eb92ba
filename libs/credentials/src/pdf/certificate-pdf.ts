import QRCode from 'qrcode';
import type { IssuedAward } from '#domain';
import { formatCredits, levelLabel } from '../frameworks.js';
import { useUnicodeFonts, writeText, type FontName } from './fonts.js';
import { renderPdf } from './pdf-buffer.js';
import { longDate, shortDate, THEME as T } from './theme.js';

export interface CertificateInput {
  /** The learner's name opened by the caller: "[erased]" once the learner is erased. */
  award: Omit<IssuedAward, 'learnerName'> & { learnerName: string };
  /** Where anyone can check the credential (printed and encoded in the QR code). */
  verificationUrl: string;
}

const PAGE = { width: 595.28, height: 841.89 };
const M = 56;
const WIDTH = PAGE.width - 2 * M;

type Doc = PDFKit.PDFDocument;

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const frame = (doc: Doc): void => {
  doc
    .lineWidth(2.5)
    .strokeColor(T.navy)
    .rect(20, 20, PAGE.width - 40, PAGE.height - 40)
    .stroke();
  doc
    .lineWidth(0.75)
    .strokeColor(T.gold)
    .rect(27, 27, PAGE.width - 54, PAGE.height - 54)
    .stroke();
};

/** A centred line, tagged as a structure element (P unless said), in whichever fonts its scripts need. */
const centred = (
  doc: Doc,
  text: string,
  font: FontName,
  size: number,
  color: string,
  gap = 0,
  options: PDFKit.Mixins.TextOptions & { role?: string } = {},
): void => {
  const { role = 'P', ...textOptions } = options;
  doc.fontSize(size).fillColor(color);
  doc.addStructure(
    doc.struct(role, {}, () => writeText(doc, text, font, M, doc.y, { width: WIDTH, align: 'center', ...textOptions })),
  );
  doc.y += gap;
};

const goldRule = (doc: Doc, width: number): void => {
  const y = doc.y;
  doc
    .lineWidth(1)
    .strokeColor(T.gold)
    .moveTo((PAGE.width - width) / 2, y)
    .lineTo((PAGE.width + width) / 2, y)
    .stroke();
  doc.y = y + 12;
};

const heading = (doc: Doc, text: string): void => {
  doc.addStructure(
    doc.struct('H2', {}, () =>
      doc
        .font(T.sansBold)
        .fontSize(7.5)
        .fillColor(T.gold)
        .text(text.toUpperCase(), M, doc.y, { characterSpacing: 1.2 }),
    ),
  );
  doc.y += 3;
};

/** Four key facts in a shaded band: credit, level, result, date of issue. */
const facts = (doc: Doc, award: IssuedAward): void => {
  const items: [string, string, string][] = [
    ['Credit', `${formatCredits(award.credits.cats)} CATS`, `${formatCredits(award.credits.ects)} ECTS credits`],
    [
      'Level',
      levelLabel(award.level),
      award.level.framework === 'SCQF' ? 'Scottish framework' : 'UK qualifications framework',
    ],
    ['Result', award.result.grade, `Weighted mark ${award.result.weightedMark}%`],
    ['Date of issue', longDate(award.issuedOn), `Study completed ${shortDate(award.completedOn)}`],
  ];
  const top = doc.y;
  const height = 52;
  const cell = WIDTH / items.length;
  doc.rect(M, top, WIDTH, height).fill(T.panel);
  items.forEach(([label, value, note], i) => {
    const x = M + i * cell + 10;
    if (i > 0)
      doc
        .lineWidth(0.5)
        .strokeColor(T.rule)
        .moveTo(M + i * cell, top + 9)
        .lineTo(M + i * cell, top + height - 9)
        .stroke();
    doc
      .font(T.sansBold)
      .fontSize(6.5)
      .fillColor(T.muted)
      .text(label.toUpperCase(), x, top + 9, { width: cell - 20, characterSpacing: 1 });
    doc
      .font(T.sansBold)
      .fontSize(11.5)
      .fillColor(T.ink)
      .text(value, x, top + 20, { width: cell - 20, lineBreak: false, ellipsis: true });
    doc
      .font(T.sans)
      .fontSize(7)
      .fillColor(T.muted)
      .text(note, x, top + 36, { width: cell - 20, lineBreak: false, ellipsis: true });
  });
  doc.y = top + height + 16;
};

const outcomes = (doc: Doc, award: IssuedAward): void => {
  heading(doc, 'Learning outcomes');
  doc.font(T.sans).fontSize(9).fillColor(T.ink);
  award.learningOutcomes.forEach((outcome, i) => {
    const y = doc.y;
    doc
      .font(T.sansBold)
      .fillColor(T.navy)
      .text(`${i + 1}.`, M, y, { width: 16 });
    doc
      .font(T.sans)
      .fillColor(T.ink)
      .text(outcome, M + 16, y, { width: WIDTH - 16 });
    doc.y += 2;
  });
  doc.y += 10;
};

/** The rest of the information set, two label/value columns. */
const details = (doc: Doc, award: IssuedAward): void => {
  const psrb = award.psrb ? `${award.psrb.body}: ${award.psrb.recognition}` : 'None';
  const rows: [string, string][] = [
    ['Mode of learning', capitalise(award.modeOfLearning.replace('-', ' '))],
    ['Form of participation', award.formOfParticipation],
    ['Type of assessment', award.assessmentType],
    ['Quality assurance', award.qualityAssurance],
    ['CAH code', award.cahCode],
    ['HECoS code' + (award.hecosCodes.length > 1 ? 's' : ''), award.hecosCodes.join(', ')],
    ['Period of study', `${longDate(award.startDate)} to ${longDate(award.completedOn)}`],
    ['Issuer country', award.issuerCountry],
    ['Course code', award.courseCode],
    ['PSRB recognition', psrb],
  ];
  heading(doc, 'Credential details');
  const column = (WIDTH - 20) / 2;
  for (let i = 0; i < rows.length; i += 2) {
    const top = doc.y;
    let bottom = top;
    rows.slice(i, i + 2).forEach(([label, value], j) => {
      const x = M + j * (column + 20);
      doc
        .font(T.sansBold)
        .fontSize(6.5)
        .fillColor(T.muted)
        .text(label.toUpperCase(), x, top, { width: column, characterSpacing: 0.8 });
      doc
        .font(T.sans)
        .fontSize(9)
        .fillColor(T.ink)
        .text(value, x, doc.y + 1, { width: column });
      bottom = Math.max(bottom, doc.y);
    });
    doc.y = bottom + 7;
  }
};

const FOOTER_TOP = PAGE.height - 40 - 78 - 16;

/** Who confirmed the award, centred in the space left above the footer. */
const attestation = (doc: Doc, award: IssuedAward): void => {
  const space = FOOTER_TOP - 12 - doc.y;
  if (space < 70) return;
  const top = doc.y + (space - 58) / 2;
  const cx = PAGE.width / 2;
  doc
    .lineWidth(0.75)
    .strokeColor(T.gold)
    .circle(cx, top + 8, 7)
    .stroke();
  doc.circle(cx, top + 8, 2.5).fill(T.gold);
  doc
    .lineWidth(0.5)
    .strokeColor(T.gold)
    .moveTo(cx - 90, top + 8)
    .lineTo(cx - 14, top + 8)
    .moveTo(cx + 14, top + 8)
    .lineTo(cx + 90, top + 8)
    .stroke();
  doc.y = top + 24;
  centred(
    doc,
    `Awarded by ${award.awardingBody} on the confirmation of its examination board`,
    T.serifItalic,
    11,
    T.ink,
    2,
  );
  centred(
    doc,
    `${longDate(award.issuedOn)}  \u00b7  ${award.issuerCountry === 'GB' ? 'United Kingdom' : award.issuerCountry}`,
    T.sans,
    8,
    T.muted,
  );
};

const footer = (doc: Doc, award: IssuedAward, verificationUrl: string, qr: Buffer): void => {
  const size = 78;
  const top = FOOTER_TOP;
  doc
    .lineWidth(0.5)
    .strokeColor(T.rule)
    .moveTo(M, top - 12)
    .lineTo(PAGE.width - M, top - 12)
    .stroke();
  doc.image(qr, M, top, { width: size, height: size });
  const x = M + size + 14;
  const width = WIDTH - size - 14;
  doc
    .font(T.sansBold)
    .fontSize(9.5)
    .fillColor(T.navy)
    .text('Verify this credential', x, top + 4, { width });
  // One line, shrunk to fit: a wrapped URL cannot be copied or typed back from the page.
  doc.font(T.sans).fontSize(8);
  const urlSize = Math.min(8, (8 * width) / doc.widthOfString(verificationUrl));
  doc
    .fontSize(urlSize)
    .fillColor(T.ink)
    .text(verificationUrl, x, doc.y + 2, { width, link: verificationUrl, underline: false, lineBreak: false });
  doc
    .font(T.sans)
    .fontSize(7)
    .fillColor(T.muted)
    .text(
      'Scan the code or visit the address to check the issuer\u2019s signature and the award\u2019s revocation status. ' +
        'This certificate is also issued as an Open Badges 3.0 verifiable credential (VC-JWT, Ed25519).',
      x,
      doc.y + 4,
      { width },
    );
  doc
    .font(T.sans)
    .fontSize(6.5)
    .fillColor(T.muted)
    .text(`Award ${award.awardId}`, x, doc.y + 4, { width });
};

const revokedBanner = (doc: Doc, award: IssuedAward): void => {
  if (!award.revoked) return;
  const y = doc.y;
  doc.save().rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc
    .font(T.sansBold)
    .fontSize(110)
    .fillColor(T.red)
    .fillOpacity(0.12)
    .text('REVOKED', 0, PAGE.height / 2 - 55, { width: PAGE.width, align: 'center' });
  doc.restore().fillOpacity(1);
  doc.y = y;
  const reason = `This award was revoked on ${longDate(award.revoked.revokedAt)}: ${award.revoked.reason}`;
  doc.font(T.sansBold).fontSize(9).fillColor(T.red).text(reason, M, doc.y, { width: WIDTH, align: 'center' });
  doc.y += 8;
};

/**
 * An A4 certificate and transcript carrying the QAA section 6 information set and the EU
 * mandatory elements, with a QR code to the public verification address.
 */
export const renderCertificatePdf = async ({ award, verificationUrl }: CertificateInput): Promise<Buffer> => {
  const qr = await QRCode.toBuffer(verificationUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 0,
    width: 312,
    color: { dark: T.navy },
  });
  return renderPdf(
    {
      size: 'A4',
      margin: M,
      compress: true,
      // Tagged PDF (PDF/UA structure) in the document's language, titled by its Title.
      tagged: true,
      pdfVersion: '1.7',
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: `${award.title}: micro-credential certificate`,
        Author: award.awardingBody,
        Subject: `Certificate and transcript for ${award.learnerName}`,
        Keywords: `micro-credential, ${award.cahCode}, ${award.hecosCodes.join(', ')}`,
      },
    },
    (doc) => {
      useUnicodeFonts(doc);
      frame(doc);
      doc.y = 50;
      centred(doc, award.awardingBody, T.serifBold, 19, T.navy, 4);
      centred(doc, 'Micro-credential certificate and transcript', T.sansBold, 7.5, T.gold, 8, { characterSpacing: 2 });
      goldRule(doc, 90);
      revokedBanner(doc, award);
      centred(doc, 'This is to certify that', T.serifItalic, 12, T.muted, 4);
      centred(doc, award.learnerName, T.serifBold, 30, T.ink, 4);
      centred(doc, 'has been awarded the micro-credential', T.serifItalic, 12, T.muted, 6);
      centred(doc, award.title, T.serifBold, 22, T.navy, 18, { role: 'H1' });
      facts(doc, award);
      heading(doc, 'Aims');
      doc.font(T.sans).fontSize(9).fillColor(T.ink).text(award.aims, M, doc.y, { width: WIDTH });
      doc.y += 12;
      outcomes(doc, award);
      details(doc, award);
      attestation(doc, award);
      footer(doc, award, verificationUrl, qr);
    },
  );
};
