import { Module } from '@nestjs/common';
import { BulkController } from './bulk.controller.js';
import { CsvExportController } from './csv-export.controller.js';
import { csvExportQueryHandlers } from './csv-export.queries.js';
import { EnrolmentUpload } from './enrolment-upload.js';
import { MarkUpload } from './mark-upload.js';

/** Bulk CSV: learner and enrolment sheets, mark sheets (preview, then commit), and CSV exports. */
@Module({
  controllers: [BulkController, CsvExportController],
  providers: [EnrolmentUpload, MarkUpload, ...csvExportQueryHandlers],
})
export class BulkModule {}
