import { useState } from 'react';
import type { BoardRole } from '#domain';
import { api } from '../api/client';
import type { BoardView, ConstituteBoardRequest, Course } from '../api/types';
import { PageHeading, SelectField, TextField } from '../components/ui';
import { FormStatus, SubmitButton } from '../forms/form-status';
import { useApiForm } from '../forms/use-api-form';
import { inCategories, useResource } from '../use-resource';

const ROLES: { value: BoardRole; label: string }[] = [
  { value: 'chair', label: 'Chair' },
  { value: 'internal', label: 'Internal member' },
  { value: 'external', label: 'External examiner' },
];
type Member = ConstituteBoardRequest['members'][number];
const NEW_MEMBER: Member = { memberId: '', name: '', role: 'internal' };

/** Constitute a board: its name, the courses it covers (chosen, not pasted) and its members. */
export const NewBoardPage = () => {
  const form = useApiForm();
  const courses = useResource<Course[]>('/v1/courses', inCategories('course'));
  const [name, setName] = useState('');
  const [courseIds, setCourseIds] = useState<string[]>([]);
  const [members, setMembers] = useState<Member[]>([{ ...NEW_MEMBER, role: 'chair' }, NEW_MEMBER]);
  const [delegated, setDelegated] = useState(true);
  const setMember = (index: number, field: keyof Member) => (event: { target: { value: string } }) =>
    setMembers(members.map((m, i) => (i === index ? { ...m, [field]: event.target.value } : m)));
  const toggle = (id: string) =>
    setCourseIds(courseIds.includes(id) ? courseIds.filter((c) => c !== id) : [...courseIds, id]);

  const submit = form.submit(async () => {
    const body: ConstituteBoardRequest = { name, courseIds, members, delegatedAuthority: delegated };
    const board = await api<BoardView>('/v1/boards', { method: 'POST', body });
    return `${board.name} is constituted with ${board.members.length} members.`;
  });

  return (
    <>
      <PageHeading lead="A board confirms the awards of the courses it covers.">Constitute a board</PageHeading>
      <form onSubmit={submit} noValidate aria-label="Board">
        <FormStatus form={form} failed="The board was not constituted" />
        <TextField
          label="Board name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={form.errorsFor('name')}
        />
        <fieldset>
          <legend>Courses it covers</legend>
          {form.errorsFor('courseIds').length ? (
            <ul className="field-errors">
              {form.errorsFor('courseIds').map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
          <div className="radios">
            {courses.data?.map((course) => (
              <label className="radio" key={course.id}>
                <input type="checkbox" checked={courseIds.includes(course.id)} onChange={() => toggle(course.id)} />{' '}
                {course.code} · {course.title}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Members</legend>
          {form
            .errorsFor('members')
            .filter((m) => m.startsWith('members '))
            .map((m) => (
              <p className="field-errors" key={m}>
                {m}
              </p>
            ))}
          {members.map((member, i) => (
            <div className="form-row member-row" role="group" aria-label={`Member ${i + 1}`} key={i}>
              <TextField
                label={`Member ${i + 1} sign-in id`}
                value={member.memberId}
                onChange={setMember(i, 'memberId')}
                errors={form.errorsFor(`members[${i}].memberId`)}
              />
              <TextField
                label="Name"
                value={member.name}
                onChange={setMember(i, 'name')}
                errors={form.errorsFor(`members[${i}].name`)}
              />
              <SelectField
                label="Role"
                value={member.role}
                onChange={setMember(i, 'role')}
                errors={form.errorsFor(`members[${i}].role`)}
              >
                {ROLES.map((role) => (
                  <option key={role.value} value={role.value}>
                    {role.label}
                  </option>
                ))}
              </SelectField>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => setMembers(members.filter((_, j) => j !== i))}
              >
                Remove member {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="button button-quiet" onClick={() => setMembers([...members, NEW_MEMBER])}>
            Add a member
          </button>
        </fieldset>
        <label className="radio">
          <input type="checkbox" checked={delegated} onChange={(e) => setDelegated(e.target.checked)} /> Confirm clean
          cases automatically (delegated authority)
        </label>
        <p>
          <SubmitButton form={form} label="Constitute the board" busyLabel="Constituting…" />
        </p>
      </form>
    </>
  );
};
