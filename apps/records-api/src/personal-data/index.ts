import { LearnerPrivacyController } from '../http/learner-privacy.controller.js';
import { GetLearnerExportHandler } from '../queries/learner-export.queries.js';
import { PersonalDataReader } from './personal-data-reader.js';

/** Erasure and subject-access export, and the reader that opens personal data for every query. */
export const personalDataControllers = [LearnerPrivacyController];
export const personalDataProviders = [PersonalDataReader, GetLearnerExportHandler];
