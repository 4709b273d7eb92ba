import { applyDecorators } from '@nestjs/common';
import { IsInt, IsNotEmpty, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ISO_DATE_PATTERN, ISO_DATE_RULE, MAX_MARK, MAX_TEXT_LENGTH, MIN_MARK, TEXT_RULE } from '#domain';

/*
 * Validation blocks the DTOs share, with the domain's limits and messages: a DTO checks shapes and
 * types, the decider the rules, and both name the field the same way.
 */

/** A string that is there; the domain checks its length and names the field. */
export const RequiredText = () => applyDecorators(IsNotEmpty(), IsString());

/** Free text up to the domain's longest (a reason), refused here with the domain's message. */
export const BoundedText = (field: string) =>
  applyDecorators(IsString(), Length(1, MAX_TEXT_LENGTH, { message: `${field} ${TEXT_RULE}` }));

/** A calendar date, `YYYY-MM-DD`; the domain checks that the day exists. */
export const IsoDateField = (field: string) => Matches(ISO_DATE_PATTERN, { message: `${field} ${ISO_DATE_RULE}` });

/** A mark from the domain's range, named `mark`. */
export const MarkField = () =>
  applyDecorators(Max(MAX_MARK), Min(MIN_MARK), IsInt({ message: 'mark must be a whole number' }));
