import { describe, expect, it } from 'vitest';
import { latestValue, outages, parseDbmindTime, seriesPoints } from './series-points.ts';

const t = (text: string) => parseDbmindTime(`2026-01-15 ${text}`);

describe('series points', () => {
  it('keeps null as a gap, never a zero', () => {
    const points = seriesPoints({
      timestamps: ['2026-01-15 10:00:00', '2026-01-15 10:00:02', '2026-01-15 10:00:04'],
      values: [1.5, null, 0],
    });
    expect(points).toEqual([
      [t('10:00:00'), 1.5],
      [t('10:00:02'), null],
      [t('10:00:04'), 0],
    ]);
  });

  it('breaks the line where samples are missing', () => {
    const points = seriesPoints({
      timestamps: [
        '2026-01-15 10:00:00',
        '2026-01-15 10:00:02',
        '2026-01-15 10:00:04',
        '2026-01-15 10:01:00',
      ],
      values: [1, 2, 3, 4],
    });
    expect(points).toEqual([
      [t('10:00:00'), 1],
      [t('10:00:02'), 2],
      [t('10:00:04'), 3],
      [t('10:00:06'), null],
      [t('10:01:00'), 4],
    ]);
  });

  it('drops timestamps it cannot read and finds the latest value that is there', () => {
    const points = seriesPoints({ timestamps: ['yesterday', '2026-01-15 10:00:00'], values: [9, 7] });
    expect(points).toEqual([[t('10:00:00'), 7]]);
    expect(
      latestValue([
        [1, 3],
        [2, null],
      ]),
    ).toBe(3);
    expect(latestValue([])).toBeUndefined();
  });
});

describe('outages', () => {
  it('spans each run of missing points, from the last point measured before it to the first after it', () => {
    const points = seriesPoints({
      timestamps: ['10:00:00', '10:00:15', '10:00:30', '10:00:45', '10:01:00', '10:01:15'].map(
        (time) => `2026-01-15 ${time}`,
      ),
      values: [1, null, null, 2, 3, null],
    });
    expect(outages(points)).toEqual([
      [t('10:00:00'), t('10:00:45')],
      [t('10:01:00'), t('10:01:15')],
    ]);
  });

  it('finds none before the first point measured: the server was not watched yet', () => {
    expect(
      outages([
        [t('10:00:00'), null],
        [t('10:00:15'), null],
        [t('10:00:30'), 1],
      ]),
    ).toEqual([]);
  });

  it('finds none in a line without gaps', () => {
    expect(
      outages([
        [t('10:00:00'), 1],
        [t('10:00:15'), 0],
      ]),
    ).toEqual([]);
  });
});
