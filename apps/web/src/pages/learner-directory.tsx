import { useEffect, useState } from 'react';
import type { LearnerSummary } from '../api/types';
import { Empty, ErrorMessages, Loading, PageHeading, TextField } from '../components/ui';
import { Link } from '../router';
import { inCategories, useResource } from '../use-resource';

/** The registry's way in to a learner's record: search by name, email or id. */
export const LearnerDirectory = () => {
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

  return (
    <>
      <PageHeading lead="Find a learner to see their full record, awards, credit and history.">Learners</PageHeading>
      <form role="search" className="toolbar" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Search learners"
          hint="Any part of a name, email address or learner id"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </form>
      <ErrorMessages error={learners.error} title="The learners could not be loaded" />
      {!learners.data && learners.loading ? <Loading what="learners" /> : null}
      {learners.data?.length === 0 ? <Empty>No learner matches “{query}”.</Empty> : null}
      {learners.data?.length ? (
        <table className="table">
          <caption className="visually-hidden">Learners</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Learner id</th>
            </tr>
          </thead>
          <tbody>
            {learners.data.map((learner) => (
              <tr key={learner.id}>
                <th scope="row">
                  <Link to={`/learners/${learner.id}`}>
                    {learner.familyName}, {learner.givenName}
                  </Link>
                </th>
                <td>{learner.email ?? '—'}</td>
                <td className="mono">{learner.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
};
