import { formatLabel, labelForCount } from 'c/labelFormat';

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

    it('picks the singular label for exactly one and the plural one for any other count', () => {
        const one = 'Shorten the review by {0} character.';
        const other = 'Shorten the review by {0} characters.';
        expect(formatLabel(labelForCount(1, one, other), 1)).toBe('Shorten the review by 1 character.');
        expect(formatLabel(labelForCount(2, one, other), 2)).toBe('Shorten the review by 2 characters.');
        expect(formatLabel(labelForCount(0, one, other), 0)).toBe('Shorten the review by 0 characters.');
    });
});
