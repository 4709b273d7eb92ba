import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  FRAMEWORKS,
  MAX_COMPONENTS,
  MAX_COURSE_CODE_LENGTH,
  MAX_TUTOR_ID_LENGTH,
  MAX_TUTORS_AT_DEFINITION,
  MODES_OF_LEARNING,
  TUTOR_ID_PATTERN,
  TUTOR_ID_RULE,
  type Framework,
  type ModeOfLearning,
} from '#domain';
import { BoundedText, IsoDateField, RequiredText } from '../../http/dto-fields.js';

const TUTOR_IDS_RULE = `tutorIds must hold ids that are 1-${MAX_TUTOR_ID_LENGTH} characters without spaces`;

/** Shapes and types only: the domain checks the rules (weights, sizes, formats) and names the field too. */
export class LevelDto {
  @ApiProperty({ enum: FRAMEWORKS, example: 'FHEQ' })
  @IsIn(FRAMEWORKS as Framework[])
  framework!: Framework;

  @ApiProperty({ example: 7 })
  @IsInt()
  level!: number;
}

/** A level on a qualification framework, as a nested object. */
export const LevelField = () =>
  applyDecorators(
    ApiProperty({ type: LevelDto }),
    IsObject(),
    ValidateNested(),
    Type(() => LevelDto),
  );

export class ComponentDto {
  @ApiProperty({ example: 'essay', description: 'lowercase letters, digits and hyphens' })
  @RequiredText()
  id!: string;

  @ApiProperty({ example: 'Critical essay (3,000 words)' })
  @RequiredText()
  title!: string;

  @ApiProperty({ example: 60, description: 'percentage of the overall mark; weights sum to 100' })
  @IsInt()
  weight!: number;

  @ApiPropertyOptional({ example: 50, description: "defaults to the course's pass mark" })
  @IsOptional()
  @IsInt()
  passMark?: number;
}

/** The course's approval (validation); the domain checks lengths, the date and that the two people differ. */
export class CourseApprovalDto {
  @ApiProperty({ example: 'Academic Standards Committee', description: 'who approved the course' })
  @RequiredText()
  approvedBy!: string;

  @ApiProperty({ example: 'Prof. Lena Ortiz (University of Eastmoor)', description: 'the external adviser' })
  @RequiredText()
  externalAdviser!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsoDateField('approvedOn')
  approvedOn!: string;
}

export class PsrbDto {
  @ApiProperty({ example: 'British Computer Society' })
  @RequiredText()
  body!: string;

  @ApiProperty({ example: 'Counts towards Chartered IT Professional CPD' })
  @RequiredText()
  recognition!: string;
}

export class CreateCourseDto {
  @ApiProperty({ example: 'DSE701' })
  @RequiredText()
  @MaxLength(MAX_COURSE_CODE_LENGTH)
  code!: string;

  @ApiProperty({ example: 'Data Ethics in Practice' })
  @RequiredText()
  title!: string;

  @ApiProperty({ example: 'University of Northshire' })
  @RequiredText()
  awardingBody!: string;

  @ApiProperty({ example: 15, description: 'UK CATS credits (ECTS = CATS / 2)' })
  @IsInt()
  credits!: number;

  @LevelField()
  level!: LevelDto;

  @ApiProperty({ example: ['100366'], description: 'HECoS codes (6 digits)' })
  @IsArray()
  @IsString({ each: true })
  hecosCodes!: string[];

  @ApiProperty({ example: 'CAH11-01-01' })
  @IsString()
  cahCode!: string;

  @ApiProperty({ enum: MODES_OF_LEARNING })
  @IsIn(MODES_OF_LEARNING as unknown as ModeOfLearning[])
  modeOfLearning!: ModeOfLearning;

  @ApiProperty()
  @RequiredText()
  aims!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  learningOutcomes!: string[];

  @ApiProperty({ type: [ComponentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COMPONENTS)
  @ValidateNested({ each: true })
  @Type(() => ComponentDto)
  components!: ComponentDto[];

  @ApiPropertyOptional({
    description: 'defaults to 40, and to 50 at postgraduate levels (FHEQ, CQFW, RQF 7+; SCQF 11+)',
  })
  @IsOptional()
  @IsInt()
  passMark?: number;

  @ApiProperty({ example: 120, description: 'days a learner has from their own start date' })
  @IsInt()
  maxEngagementDays!: number;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  maxAttempts?: number;

  @ApiPropertyOptional({ type: PsrbDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PsrbDto)
  psrb?: PsrbDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  qualityAssurance?: string;

  @ApiPropertyOptional({ example: 'Coursework essay and online examination' })
  @IsOptional()
  @IsString()
  assessmentType?: string;

  @ApiPropertyOptional({ example: 'GB' })
  @IsOptional()
  @IsString()
  issuerCountry?: string;

  @ApiPropertyOptional({ example: '2027-08-31' })
  @IsOptional()
  @IsoDateField('withdrawnFrom')
  withdrawnFrom?: string;

  @ApiPropertyOptional({
    example: ['tutor-jmensah'],
    description: `the tutors who may mark this course (token subjects), at most ${MAX_TUTORS_AT_DEFINITION}`,
  })
  // class-validator runs these bottom-up and reports the first broken rule: the shape comes last here.
  @ArrayUnique({ message: 'tutorIds must not repeat a tutor' })
  @Matches(TUTOR_ID_PATTERN, { each: true, message: TUTOR_IDS_RULE })
  @Length(1, MAX_TUTOR_ID_LENGTH, { each: true, message: TUTOR_IDS_RULE })
  @IsString({ each: true, message: 'tutorIds must hold only strings' })
  @ArrayMaxSize(MAX_TUTORS_AT_DEFINITION)
  @IsArray()
  @IsOptional()
  tutorIds?: string[];

  @ApiPropertyOptional({
    type: CourseApprovalDto,
    description: 'an approval already given: the course is defined approved and takes enrolments; without it, a draft',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CourseApprovalDto)
  approval?: CourseApprovalDto;
}

/** A change to a course: its whole new definition (same code and awarding body) and why. */
export class CourseVersionDto extends CreateCourseDto {
  @ApiProperty({ example: 'Corrects the title' })
  @RequiredText()
  reason!: string;
}

export class CourseWithdrawalDto {
  @ApiProperty({ example: '2027-08-31' })
  @IsoDateField('withdrawnFrom')
  withdrawnFrom!: string;

  @ApiProperty({ example: 'Replaced by DSE702' })
  @RequiredText()
  reason!: string;
}

export class TutorAssignmentDto {
  @ApiProperty({ example: 'tutor-jmensah', description: "the tutor's token subject (sub)" })
  @Matches(TUTOR_ID_PATTERN, { message: `tutorId ${TUTOR_ID_RULE}` })
  @Length(1, MAX_TUTOR_ID_LENGTH, { message: `tutorId ${TUTOR_ID_RULE}` })
  @IsString()
  tutorId!: string;
}

export class TutorReleaseQueryDto {
  @ApiPropertyOptional({ example: 'Moved to another programme', description: 'recorded with the release' })
  @BoundedText('reason')
  @IsOptional()
  reason?: string;
}
