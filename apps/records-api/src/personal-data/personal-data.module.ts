import { Global, Module } from '@nestjs/common';
import { PersonalDataReader } from './personal-data-reader.js';

/** The reader that opens personal data for every feature's queries. */
@Global()
@Module({ providers: [PersonalDataReader], exports: [PersonalDataReader] })
export class PersonalDataModule {}
