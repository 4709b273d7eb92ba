import { useEffect, useId, useState } from 'react';
import type { BoardView, Course, LearnerSummary, PathwayView } from '../api/types';
import { SelectField, TextField } from '../components/ui';
import { inCategories, useResource } from '../use-resource';

interface Picker {
  label: string;
  value: string;
  onChange: (id: string) => void;
  errors?: readonly string[];
  hint?: string;
  /** What choosing none means, where none is a choice (a filter's "all"). */
  noneLabel?: string;
}

/** Courses by code and title: the form never asks for a course id. */
export const CoursePicker = ({ label, value, onChange, errors, hint, noneLabel = 'Choose a course' }: Picker) => {
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  return (
    <SelectField label={label} hint={hint} errors={errors} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{courses.data ? noneLabel : 'Loading courses…'}</option>
      {courses.data?.map((course) => (
        <option key={course.id} value={course.id}>
          {course.code} · {course.title}
        </option>
      ))}
    </SelectField>
  );
};

/** The standing boards by name. */
export const BoardPicker = ({ label, value, onChange, errors, hint, noneLabel = 'Choose a board' }: Picker) => {
  const boards = useResource<BoardView[]>('/v1/boards', inCategories('board'));
  return (
    <SelectField label={label} hint={hint} errors={errors} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{boards.data ? noneLabel : 'Loading boards…'}</option>
      {boards.data?.map((board) => (
        <option key={board.id} value={board.id}>
          {board.name}
        </option>
      ))}
    </SelectField>
  );
};

/** The pathways by their target award. */
export const PathwayPicker = ({ label, value, onChange, errors, hint, noneLabel = 'Choose a pathway' }: Picker) => {
  const pathways = useResource<PathwayView[]>('/v1/pathways', inCategories('pathway'));
  return (
    <SelectField label={label} hint={hint} errors={errors} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{pathways.data ? noneLabel : 'Loading pathways…'}</option>
      {pathways.data?.map((pathway) => (
        <option key={pathway.id} value={pathway.id}>
          {pathway.title} · {pathway.totalCredits} credits
        </option>
      ))}
    </SelectField>
  );
};

/** Search the directory by name or email, then choose one of the matches. */
export const LearnerPicker = ({ label, value, onChange, errors, hint }: Picker) => {
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const learners = useResource<LearnerSummary[]>(
    `/v1/learners${query ? `?search=${encodeURIComponent(query)}` : ''}`,
    inCategories('learner'),
  );
  const matches = learners.data?.filter((learner) => !learner.erased) ?? [];
  useEffect(() => {
    // The only match is the one meant: choose it, so a search by email is one step.
    if (query && matches.length === 1 && matches[0]!.id !== value) onChange(matches[0]!.id);
  }, [query, matches, value, onChange]);
  return (
    <fieldset className="picker">
      <legend>{label}</legend>
      <TextField
        label="Find by name or email"
        type="search"
        hint={hint}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <SelectField label="Learner" errors={errors} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{learners.data ? `Choose from ${matches.length} found` : 'Searching…'}</option>
        {matches.map((learner) => (
          <option key={learner.id} value={learner.id}>
            {learner.familyName}, {learner.givenName} · {learner.email}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
};

/**
 * A tutor is a sign-in subject, not a record of its own: the ones already teaching a course (or on a
 * board) are offered, and a new one can be typed.
 */
export const TutorPicker = ({ label, value, onChange, errors, hint }: Picker) => {
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  const listId = useId();
  const known = [...new Set(courses.data?.flatMap((course) => course.tutorIds) ?? [])].sort();
  return (
    <>
      <TextField
        label={label}
        hint={hint ?? 'Their sign-in id; start typing to choose one who already teaches a course'}
        errors={errors}
        list={listId}
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={listId}>
        {known.map((tutor) => (
          <option key={tutor} value={tutor} />
        ))}
      </datalist>
    </>
  );
};
