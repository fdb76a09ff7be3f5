import { describe, expect, it } from 'vitest'

import { fillPromptTemplate } from './fillPromptTemplate.js'

describe('fillPromptTemplate', () => {
  it("fills the document's values", () => {
    expect(
      fillPromptTemplate({
        data: { title: 'Spring sale', views: 3 },
        template: 'A hero image for "{{ title }}" ({{views}})',
      }),
    ).toBe('A hero image for "Spring sale" (3)')
  })

  it('leaves missing or structured values empty', () => {
    expect(fillPromptTemplate({ data: { hero: { id: 1 } }, template: '{{title}} {{hero}} a poster' })).toBe('a poster')
  })
})
