import { fieldOf, messagesFor } from '../../apps/web/src/forms/field-messages.js';

/** The web app's one mapping from the API's 400 messages to the fields they name. */
describe('field messages', () => {
  const messages = [
    'hecosCodes[0] must be a 6-digit HECoS code, e.g. 100366',
    'components[1].weight must be a whole number from 1 to 100',
    'components weights must sum to 100 (they sum to 90)',
    'level.level must be one of 4, 5, 6, 7, 8 in FHEQ',
    'approval.approvedOn: must be a date as YYYY-MM-DD',
    'The server could not be reached. Check your connection and try again.',
  ];

  it('reads the field path a message starts with', () => {
    expect(messages.map(fieldOf)).toEqual([
      'hecosCodes[0]',
      'components[1].weight',
      'components',
      'level.level',
      'approval.approvedOn',
      'The',
    ]);
  });

  it('gives a field its own messages and those of anything inside it', () => {
    expect(messagesFor(messages, 'hecosCodes')).toEqual([messages[0]]);
    expect(messagesFor(messages, 'components[1].weight')).toEqual([messages[1]]);
    expect(messagesFor(messages, 'components')).toEqual([messages[1], messages[2]]);
    expect(messagesFor(messages, 'level.level')).toEqual([messages[3]]);
    expect(messagesFor(messages, 'approval.approvedOn')).toEqual([messages[4]]);
    expect(messagesFor(messages, 'code')).toEqual([]);
  });
});
