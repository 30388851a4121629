import { formatLabel } from 'c/labelFormat';

describe('c/labelFormat', () => {
    it('fills numbered placeholders wherever the translation puts them', () => {
        expect(formatLabel('{0} of {1} characters', 12, 1000)).toBe('12 of 1000 characters');
        expect(formatLabel('Von {1} Zeichen: {0}', 12, 1000)).toBe('Von 1000 Zeichen: 12');
        expect(formatLabel('{0} and {0}', 'a')).toBe('a and a');
    });

    it('leaves a placeholder without a value as it is, so a missing argument is visible', () => {
        expect(formatLabel('{0} by {1}', 'Ada')).toBe('Ada by {1}');
        expect(formatLabel('No placeholders')).toBe('No placeholders');
    });
});
