import { describe, expect, it } from 'vitest';
import { analysePage } from './analyse.ts';
import { readMemberSchools } from './member-schools.ts';

// Our own invented page text: not real schools.
const names = (html: string, url = 'https://riverton-learning.example/our-schools') =>
  readMemberSchools(analysePage(html, url)).map((m) => m.name);

describe('readMemberSchools', () => {
  it('reads list items and table rows under a member-list heading, with the heading in the excerpt', () => {
    const page = analysePage(
      `<main><h1>About us</h1><p>We are a partnership of schools.</p><h2>Our member schools</h2>
       <ul><li>Oakwood Primary School</li><li>St Mary's C of E Primary</li><li>Quarrybank Infants</li></ul>
       <table><tr><th>School</th><th>Phase</th></tr><tr><td>Elm Academy</td><td>Secondary</td></tr></table>
       <h2>Contact us</h2><p>Email the office.</p><p>Privacy policy</p><p>Cookie settings</p><p>Riverton Road School Lane</p></main>`,
      'https://riverton-learning.example/about',
    );
    const found = readMemberSchools(page);
    expect(found.map((m) => m.name)).toEqual([
      'Oakwood Primary School',
      "St Mary's C of E Primary",
      'Quarrybank Infants',
      'Elm Academy',
    ]);
    expect(found[0]?.excerpt).toBe('Our member schools: Oakwood Primary School');
  });

  it('reads a whole page titled as the member list', () => {
    expect(
      names(
        `<html><head><title>Our Schools | Riverton Learning Partnership</title></head><body><main>
         <p>Thornfield Academy</p><p>Larkspur Primary School</p><p>Find out more about joining.</p></main></body></html>`,
      ),
    ).toEqual(['Thornfield Academy', 'Larkspur Primary School']);
  });

  it('reads prose lists: "X, Y and Z primary schools" and whole names', () => {
    expect(
      names(
        '<main><p>Members include Ashgrove, Birchfield and Cedar Bank primary schools.</p><p>The partnership brings together Oakwood Primary School, Elm Academy and St Anne’s CE Junior School.</p></main>',
        'https://riverton-learning.example/about',
      ),
    ).toEqual([
      'Ashgrove',
      'Birchfield',
      'Cedar Bank',
      'Oakwood Primary School',
      'Elm Academy',
      'St Anne’s CE Junior School',
    ]);
  });

  it('finds nothing on a page without a member list', () => {
    expect(
      names(
        '<main><h1>News</h1><p>Pupils from Oakwood Primary School visited the museum.</p><ul><li>Home</li><li>About</li></ul></main>',
        'https://riverton-learning.example/news',
      ),
    ).toEqual([]);
  });
});
