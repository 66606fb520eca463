// The lessons: every lesson in www/lessons/catalogue.js loads, reads, runs its experiments at
// quick sizes with the prediction beside the measurement, gives feedback on every quick-check
// option, keeps progress and the last sweeps across a reload, and Reset clears it after asking.
// Driven by the catalogue, so a new lesson is tested as soon as it is listed.
import { LESSONS } from '../../www/lessons/catalogue.js';
import { expect, finished, test, withoutServiceWorkers } from './fixtures.mjs';

const lessonUrl = (id, base = process.env.CORELAB_URL) => `${base}lessons/${id}.html`;

/** Answers every quick check on the page: each option in turn (checking its feedback), ending
 *  on the correct one. */
async function answerEveryOption(page) {
  const checks = page.locator('.quick-check');
  const count = await checks.count();
  for (let c = 0; c < count; c++) {
    const check = checks.nth(c);
    const options = check.getByRole('radio');
    const n = await options.count();
    let correct = -1;
    for (let i = 0; i < n; i++) {
      await options.nth(i).check();
      await check.getByRole('button', { name: 'Check' }).click();
      const feedback = check.locator('.feedback');
      await expect(feedback.locator('.verdict')).toHaveText(/^(Right\.|Not quite\. This answer stands for a common misconception: “.+”\.)$/);
      const text = await feedback.textContent();
      if (text.startsWith('Right.')) correct = i;
      // Every option explains itself, right or wrong; the verdict's "Right." is not said twice.
      const explanation = await feedback.locator('p').nth(1).textContent();
      expect(explanation.length).toBeGreaterThan(20);
      expect(explanation).not.toMatch(/^\s*Right\b/);
    }
    expect(correct, `check ${c} has a correct option`).toBeGreaterThanOrEqual(0);
    await options.nth(correct).check();
    await check.getByRole('button', { name: 'Check' }).click();
    await expect(check.locator('.verdict')).toHaveText('Right.');
  }
  return count;
}

/** Runs the experiment at `selector`, waits for it to be saved, reloads the page and waits for
 *  the run to come back as the experiment's last. */
async function runAndReload(page, selector) {
  const experiment = page.locator(selector);
  // Where the reader sees the worker counts, they read as before ("1-2" once came back as "1,2").
  const workers = experiment.getByRole('textbox', { name: 'Workers', exact: true });
  const counts = await workers.isVisible() ? await workers.inputValue() : null;
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, selector)).toBe('done');
  await expect(experiment.locator('.status')).toContainText('Saved in your results library');
  await page.reload();
  await expect(experiment.locator('.status')).toContainText('Your last run');
  if (counts != null) await expect(workers).toHaveValue(counts);
}

for (const lesson of LESSONS) {
  test(`lesson "${lesson.id}": reads, runs with predictions, checks every answer, keeps and resets progress`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(`${lessonUrl(lesson.id)}?quick`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
    // The header marks the lessons as the section it is in; a lesson is not the index page.
    await expect(page.getByRole('navigation', { name: 'corelab' }).getByRole('link', { name: 'Lessons' })).toHaveAttribute('aria-current', 'true');
    expect((await page.locator('main').textContent()).length).toBeGreaterThan(3000); // real prose
    const checks = await answerEveryOption(page);
    expect(checks).toBeGreaterThanOrEqual(2);
    expect(checks).toBeLessThanOrEqual(4);

    const experiments = page.locator('main .experiment');
    const count = await experiments.count();
    expect(count).toBeGreaterThan(0);
    for (let e = 0; e < count; e++) {
      const experiment = experiments.nth(e);
      await expect(experiment).toHaveAttribute('data-state', 'idle');
      // The workload's description (which can tell what a prediction asks) is folded away.
      await expect(experiment.locator('details.workload-about summary')).toHaveText(/^About the workload: .+/);
      await expect(experiment.locator('details.workload-about .description')).toBeHidden();
      await expect(experiment.getByRole('link', { name: 'Open in the playground' })).toHaveAttribute('href', /\/\?workload=/);
      // A screen reader's Run, Reset and Export say which experiment they belong to.
      const title = (await experiment.locator('h3.experiment-title').textContent()).trim();
      for (const name of ['Run', 'Export JSON']) await expect(experiment.getByRole('button', { name, exact: true })).toHaveAccessibleDescription(title);
      // Reset's says what it clears too, as its hover title does, where the experiment has a prediction.
      const reset = experiment.getByRole('button', { name: 'Reset', exact: true });
      const clears = await reset.getAttribute('title');
      await expect(reset).toHaveAccessibleDescription(clears ? `${title} ${clears}` : title);
      // And its results region is named after it, not "Results" like every other experiment's.
      await expect(experiment.locator('section.results')).toHaveAccessibleName(`Results: ${title}`);
      // Predict first: a number, or the first choice.
      for (const input of await experiment.locator('.prediction input[type="text"]').all()) {
        const max = Number(await input.evaluate((el) => el.closest('.prediction').dataset.max ?? Infinity));
        const whole = (await input.getAttribute('inputmode')) === 'numeric'; // a worker count
        await input.fill(whole ? '2' : max <= 1 ? '0.3' : '1.5');
        await input.press('Tab');
      }
      for (const group of await experiment.locator('.prediction fieldset').all()) await group.getByRole('radio').first().check();
      await experiment.getByRole('button', { name: 'Run' }).click();
      expect(await finished(page, `main .experiment >> nth=${e}`)).toBe('done');
      // Kept in the results library (the reload below reads it back from there).
      await expect(experiment.locator('.status')).toContainText('Saved in your results library');
      for (const outcome of await experiment.locator('.prediction-outcome').all()) {
        await expect(outcome).toBeVisible();
        await expect(outcome.locator('dl.versus')).toContainText('Your prediction');
        await expect(outcome.locator('dl.versus')).toContainText('Measured on this device');
        await expect(outcome.locator('dl.versus dd').first()).not.toHaveText('none made');
        expect((await outcome.locator('.explain').textContent()).length).toBeGreaterThan(30);
      }
      // The comparison is above the controls: the line that ends the sweep leads back to it.
      if (await experiment.locator('.prediction-outcome').count()) {
        await experiment.locator('.status').getByRole('button', { name: 'Your prediction beside the measurement', exact: true }).click();
        await expect(experiment.locator('.prediction-outcome').first()).toBeFocused();
        await expect(experiment.locator('.prediction-outcome').first()).toBeInViewport();
      }
      // Every point verified, or (a race, a seeding that changes with k) a demonstration whose
      // checks held; never a failure.
      const cells = await experiment.locator('table[id$="results-table"] tbody tr td.check').allTextContents();
      expect(cells.length).toBeGreaterThan(0);
      for (const text of cells) expect(text).toMatch(/^(✓ verified|◇ demonstrates: .+)$/);
    }
    await expect(page.locator('.lesson-status')).toContainText(/^Done\./);

    // Progress survives a reload: the answers, the predictions and the lesson's status.
    await page.reload();
    await expect(page.locator('.lesson-status')).toContainText(/^Done\./);
    await expect(page.locator('.quick-check .verdict').first()).toHaveText('Right.');
    // The last run's comparison comes back too, marked as from the last run, and each
    // experiment's sweep with it (read back from the results library), ready to export.
    for (const outcome of await page.locator('.prediction-outcome').all()) await expect(outcome).toContainText('From your last run');
    for (const experiment of await experiments.all()) {
      await expect(experiment.locator('.status')).toContainText('Your last run');
      const rows = experiment.locator('table[id$="results-table"] tbody tr');
      await expect(rows.first()).toBeVisible();
      for (const text of await rows.locator('td.check').allTextContents()) expect(text).toMatch(/^(✓ verified|◇ demonstrates: .+)$/);
      await expect(experiment.getByRole('button', { name: 'Export JSON' })).toBeEnabled();
    }
    // An experiment's Reset clears its results and its prediction, but it still counts as run.
    const first = experiments.first();
    await first.getByRole('button', { name: 'Reset' }).click();
    await expect(first.locator('table[id$="results-table"]')).toBeHidden();
    await expect(first.locator('.prediction-outcome').first()).toBeEmpty();
    // ... and says so, the prediction too, for a reader who would re-run with the old guess in mind.
    await expect(first.locator('.status')).toHaveText(/^Back to the starting settings; .* Your predictions? (is|are) cleared too: make a new one before you run\.$/);
    await expect(first.getByRole('button', { name: 'Reset' })).toHaveAttribute('title', /clears the results shown and your predictions?$/);
    await expect(page.locator('.lesson-status')).toContainText(/^Done\./);
    await page.reload();
    // The others come back (read in mount order), the reset one does not.
    if (count > 1) await expect(experiments.last().locator('.status')).toContainText('Your last run');
    await expect(experiments.first().locator('.status')).not.toContainText('Your last run');
    await expect(page.locator('.lesson-status')).toContainText(/^Done\./);
    await page.goto(`${process.env.CORELAB_URL}lessons/`);
    await expect(page.locator('.lesson-card', { hasText: lesson.title }).locator('.progress')).toHaveText('Done');

    // Reset this lesson clears it, here and on the index.
    await page.goto(`${lessonUrl(lesson.id)}?quick`);
    // It asks first: keeping changes nothing.
    await page.getByRole('button', { name: 'Reset this lesson' }).click();
    // The focus goes to Keep it, inside a group whose description is the question.
    await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await expect(page.getByRole('group', { name: 'Reset this lesson?' })).toHaveAccessibleDescription(/^Clear your answers, predictions and runs of this lesson from this device\? This cannot be undone/);
    await page.getByRole('button', { name: 'Keep it' }).click();
    await expect(page.getByRole('button', { name: 'Clear my progress' })).toBeHidden();
    await expect(page.locator('.lesson-status')).toContainText(/^Done\./);
    // So does Escape, as from a dialog, with the keyboard back on the button that asked.
    await page.getByRole('button', { name: 'Reset this lesson' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Clear my progress' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Reset this lesson' })).toBeFocused();
    await page.getByRole('button', { name: 'Reset this lesson' }).click();
    await page.getByRole('button', { name: 'Clear my progress' }).click();
    await expect(page.locator('.lesson-status')).toContainText(`Quick checks answered correctly: 0 of ${checks}.`);
    await expect(page.locator('.quick-check .feedback .verdict')).toHaveCount(0);
    await page.reload();
    await expect(page.locator('.quick-check input:checked')).toHaveCount(0);
    await page.goto(`${process.env.CORELAB_URL}lessons/`);
    await expect(page.locator('.lesson-card', { hasText: lesson.title }).locator('.progress')).toHaveText('Not started yet');
  });
}

test('a prediction: a bad guess is flagged until cleared, a worker count is whole, and a guess changed after a run is not passed off as the one compared', async ({ page }) => {
  await page.goto(`${lessonUrl('races')}?quick`);
  const experiment = page.locator('main .experiment').first();
  const guess = experiment.locator('.prediction input[type="text"]');
  const error = experiment.locator('.prediction .field-error');
  // Heard when the reader leaves the field, not only on coming back to it.
  await expect(error).toHaveAttribute('aria-live', 'polite');
  // A guess made first, then replaced by one refused: the earlier one is not compared in its place
  // (a teacher's 3 was compared beside the complaint about 2.5).
  await guess.fill('30');
  await guess.press('Tab');
  await expect(experiment.locator('.prediction-saved').first()).toHaveText('Prediction saved. Now run the experiment.');
  await guess.fill('150');
  await guess.press('Tab');
  // Named by what it asks (an experiment may ask for two), with what was typed.
  await expect(error).toHaveText('Prediction of the share of increments lost on the largest worker count: enter a number from 0 to 100, or leave it empty (got 150).');
  await expect(guess).toHaveAttribute('aria-invalid', 'true');
  // The error speaks alone: "Optional: guess before you press Run." under it read as a second answer.
  await expect(experiment.locator('.prediction-saved').first()).toHaveText('');
  // Run does not wait for a guess, but a refused one is named beside the result, not lost as "none made".
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, 'main .experiment >> nth=0')).toBe('done');
  await expect(experiment.locator('.prediction-outcome dl.versus dd').first()).toHaveText('150 (not taken: it must be a number from 0 to 100)');
  await expect(experiment.locator('.prediction-outcome .explain')).toHaveText(/^Your guess, 150, is not one this question takes \(a number from 0 to 100\), so it was not compared\./);
  // Cleared: no guess, which is allowed, and no complaint left beside it.
  await guess.fill('');
  await guess.press('Tab');
  await expect(error).toBeEmpty();
  await expect(guess).toHaveAttribute('aria-invalid', 'false');
  await expect(experiment.locator('.prediction-saved')).toHaveText('Optional: guess before you press Run.');

  await guess.fill('20');
  await guess.press('Tab');
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, 'main .experiment >> nth=0')).toBe('done');
  await expect(experiment.locator('.prediction-outcome dl.versus dd').first()).toHaveText('20%');
  await guess.fill('60');
  await guess.press('Tab');
  await expect(experiment.locator('.prediction-saved')).toHaveText('Your prediction is now 60%; the result below was compared with your earlier one. Run again to test it.');
  // Back to the guess the result was compared with: nothing to explain.
  await guess.fill('20');
  await guess.press('Tab');
  await expect(experiment.locator('.prediction-saved')).toHaveText('');
  await guess.fill('60');
  await guess.press('Tab');
  await page.reload();
  await expect(experiment.locator('.prediction-outcome')).toContainText('From your last run');
  await expect(experiment.locator('.prediction-saved')).toHaveText('Your prediction is now 60%; the result below was compared with your earlier one. Run again to test it.');

  await page.goto(`${lessonUrl('your-cores')}?quick`);
  const knee = page.locator('.prediction[data-measure="knee"] input[type="text"]');
  await knee.fill('2.5');
  await knee.press('Tab');
  await expect(page.locator('.prediction[data-measure="knee"] .field-error')).toHaveText(/^Prediction of the worker count where the curve stops rising: enter a whole number of at least 1/);
  // A count may carry the field's own unit, (workers).
  await knee.fill('2 workers');
  await knee.press('Tab');
  await expect(page.locator('.prediction[data-measure="knee"] .field-error')).toBeEmpty();
  await expect(page.locator('.prediction[data-measure="knee"] .prediction-saved')).toHaveText('Prediction saved. Now run the experiment.');
});

test('a prediction about one setting is not judged by a run with another, and a guess may carry its unit', async ({ page }) => {
  // A student switched the races lesson's counter to local, as the lesson suggests, and had the
  // atomic guess judged "42% below" the local run; "50%" was refused in a field marked (%).
  await page.goto(`${lessonUrl('races')}?quick`);
  const lost = page.locator('.prediction[data-measure="lost@max"]');
  // "0.5" in a field of percentages is half a percent: one meaning a half is told.
  await lost.getByRole('textbox').fill('0.5');
  await lost.getByRole('textbox').press('Tab');
  await expect(lost.locator('.prediction-saved')).toHaveText('Prediction saved: 0.5%. If you meant 50%, enter 50.');
  await lost.getByRole('textbox').fill('50%');
  await lost.getByRole('textbox').press('Tab');
  await expect(lost.locator('.field-error')).toHaveText('');
  await expect(lost.locator('.prediction-saved')).toHaveText('Prediction saved. Now run the experiment.');
  const selector = 'main .experiment[data-id="atomic-scaling"]';
  const experiment = page.locator(selector);
  const guess = experiment.locator('.prediction').getByRole('textbox');
  await guess.fill('1.5x');
  await guess.press('Tab');
  await expect(experiment.locator('.prediction-saved')).toHaveText('Prediction saved. Now run the experiment.');
  await experiment.getByRole('combobox', { name: 'Mode' }).selectOption('local');
  await experiment.getByRole('textbox', { name: 'Workers', exact: true }).fill('1-2');
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, selector)).toBe('done');
  const outcome = experiment.locator('.prediction-outcome');
  await expect(outcome.locator('dd').first()).toHaveText('1.5×');
  await expect(outcome.locator('.explain')).toHaveText('This run had mode = local, and your prediction is about mode = atomic, so the two ' +
    'were not compared. Run it with mode = atomic to test your prediction.');
  await experiment.getByRole('combobox', { name: 'Mode' }).selectOption('atomic');
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, selector)).toBe('done');
  await expect(outcome.locator('.explain')).not.toContainText('were not compared');
  await expect(outcome.locator('.explain')).toContainText(/prediction/);
  const compared = await outcome.locator('.explain').textContent();
  // Then the local run the lesson asks for: the atomic comparison stays, and a line says why.
  await experiment.getByRole('combobox', { name: 'Mode' }).selectOption('local');
  await experiment.getByRole('button', { name: 'Run' }).click();
  await expect(outcome.locator('.help').last()).toHaveText('Your last run, with mode = local, is not compared: this prediction is about ' +
    'mode = atomic, and the comparison above is with your last run of that.');
  expect(await finished(page, selector)).toBe('done');
  await expect(outcome.locator('.explain')).toHaveText(compared);
  // After a reload too: the local run's chart comes back below, and the atomic comparison above
  // says it is from the atomic run (both had been called "your last run").
  await page.reload();
  await expect(experiment.locator('.status')).toContainText('Your last run');
  await expect(outcome.locator('.explain')).toHaveText(compared);
  await expect(outcome.locator('.help')).toHaveText(['Your last run, with mode = local, is not compared: this prediction is about ' +
    'mode = atomic, and the comparison above is with your last run of that.', /^The comparison is from your run of .+; run again to measure afresh\.$/]);
});

test('a run that cannot answer its prediction says why, and the Done line does not offer it', async ({ page }) => {
  // A student set the load-balancing lesson's Sweep over to Worker counts: the run used the first
  // schedule alone, and the lesson said it needed "more worker counts or a 1-worker run" (it had
  // both) while its Done line offered "Your prediction beside the measurement".
  await page.goto(`${lessonUrl('load-balancing')}?quick`);
  const selector = 'main .experiment[data-id="schedule-sweep"]';
  const experiment = page.locator(selector);
  await experiment.getByRole('radio', { name: /^Work stealing/ }).check();
  await experiment.getByRole('combobox', { name: 'Sweep over' }).selectOption({ label: 'Worker counts' });
  await experiment.getByRole('textbox', { name: 'Workers', exact: true }).fill('1,2');
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, selector)).toBe('done');
  await expect(experiment.locator('.prediction-outcome')).toHaveText('This run cannot answer the question: it compares the values of ' +
    'schedule side by side, and this run swept worker counts with schedule = static alone instead. Set Sweep over back to schedule ' +
    '(or press Reset) and run again.');
  await expect(experiment.locator('.status')).toContainText('Done');
  await expect(experiment.locator('.status').getByRole('button', { name: 'Your prediction beside the measurement' })).toHaveCount(0);
});

test('a lesson sweep of 1 worker alone says it has no speedup to compare, and the page does not throw', async ({ page }) => {
  // Workers = 1 in the Amdahl lesson (as on a device that reports one core) threw on the missing
  // interval: no outcome, no progress kept, and the lesson could never be done.
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${lessonUrl('amdahl')}?quick`);
  const selector = 'main .experiment[data-id="amdahl-sweep"]';
  const experiment = page.locator(selector);
  await experiment.getByRole('textbox', { name: 'Workers', exact: true }).fill('1');
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, selector)).toBe('done');
  const outcomes = experiment.locator('.prediction-outcome');
  await expect(outcomes.nth(0)).toContainText('This run used 1 worker only, so it has no speedup to set beside your prediction');
  await expect(outcomes.nth(1)).toContainText('This run cannot answer the question'); // the serial fraction: no fit from one point
  await expect(experiment.locator('.status')).toContainText('Done');
  expect(errors).toEqual([]);
});

test('a reload during a lesson\'s sweep brings its settings back and says it did not finish', async ({ page }) => {
  // A student reloaded mid-run: their workers and repeats went back to the preset under "No
  // results yet", without a word.
  await page.goto(`${lessonUrl('amdahl')}?quick`);
  const selector = 'main .experiment[data-id="amdahl-sweep"]';
  const experiment = page.locator(selector);
  const work = experiment.getByRole('textbox', { name: 'Work (steps)' });
  const workers = experiment.getByRole('textbox', { name: 'Workers', exact: true });
  const status = experiment.locator('.status');
  await workers.fill('1,2');
  await work.fill('90,000,000,000'); // minutes a run: it is still running at the reload
  await experiment.getByRole('button', { name: 'Run' }).click();
  await expect(experiment).toHaveAttribute('data-state', 'running');
  await page.reload();
  await expect(status).toHaveText('A sweep you started here did not finish: the page was reloaded or left while it ran, which stops it. ' +
    'Its settings are back: press Run to measure it again.');
  await expect(work).toHaveValue('90,000,000,000');
  await expect(workers).toHaveValue('1,2');
  // With a finished run before it, that run is shown with its settings, and the stopped one's are named.
  await work.fill('20,000,000');
  await experiment.getByRole('button', { name: 'Run' }).click();
  expect(await finished(page, selector)).toBe('done');
  await expect(status).toContainText('Saved in your results library');
  await work.fill('90,000,000,000');
  await experiment.getByRole('button', { name: 'Run' }).click();
  await expect(experiment).toHaveAttribute('data-state', 'running');
  await page.reload();
  await expect(status).toHaveText(/^A sweep you started here did not finish: the page was reloaded or left while it ran, which stops it\. Shown is your last finished run, with its settings; the stopped one had work = 90000000000\.$/);
  await expect(work).toHaveValue('20,000,000');
  // A reload after that is an ordinary one.
  await page.reload();
  await expect(status).toHaveText(/^Your last run, /);
});

test('a lesson\'s last run comes back with the settings it ran with, and Reset restores the lesson\'s', async ({ page }) => {
  // A teacher ran "no lock" with Lock set to global, reloaded, and read the global run's
  // results under a Lock control saying none.
  await page.goto(`${lessonUrl('global-lock')}?quick`);
  const experiment = page.locator('main .experiment[data-id="lock-none"]');
  const lock = experiment.getByRole('combobox', { name: 'Lock' });
  await expect(lock).toHaveValue('none');
  await lock.selectOption('global');
  await runAndReload(page, 'main .experiment[data-id="lock-none"]');
  await expect(lock).toHaveValue('global');
  await experiment.getByRole('button', { name: 'Reset' }).click();
  await expect(lock).toHaveValue('none');
  // The results library says which lesson the run came from (a lesson's twenty rows read "a run here" alike).
  await page.goto(`${process.env.CORELAB_URL}results.html`);
  await expect(page.locator('#library-table tbody tr')).toHaveCount(1);
  await expect(page.locator('#library-table tbody tr')).toContainText(`a run in the lesson “${LESSONS.find((l) => l.id === 'global-lock').title}”`);
});

test('a lesson\'s text about a setting follows its field: typed, after a reload\'s last run, and back at Reset', async ({ page }) => {
  // The Amdahl lesson said "a quarter of them on one thread" and "the ceiling of 4×" after a
  // student set s = 0.1.
  await page.goto(`${lessonUrl('amdahl')}?quick`);
  const experiment = page.locator('main .experiment[data-id="amdahl-sweep"]');
  const field = experiment.getByRole('textbox', { name: 'Serial fraction (s)' });
  const intro = experiment.locator('p').filter({ hasText: /^Runs [\d,]+ steps on every worker count/ });
  const prediction = experiment.locator('.prediction[data-measure="speedup@max"] p').first();
  await expect(intro).toContainText('s = 0.25 of them on one thread');
  await expect(prediction).toContainText('s = 0.25: how close to its ceiling of 4.0× will it get?');
  await field.fill('0.1');
  await expect(intro).toContainText('s = 0.1 of them on one thread');
  await expect(prediction).toContainText('s = 0.1: how close to its ceiling of 10× will it get?');
  // A value the parameter refuses leaves the text at the last it allowed; the field's own
  // message says why ("s = 2 … ceiling of 10×" paired a refused value with an old ceiling).
  for (const bad of ['2', 'a lot']) {
    await field.fill(bad);
    await field.press('Tab');
    await expect(experiment.getByText(/^Serial fraction \(s\) must be/)).toBeVisible();
    await expect(intro).toContainText('s = 0.1 of them on one thread');
    await expect(prediction).toContainText('s = 0.1: how close to its ceiling of 10× will it get?');
  }
  // So does the number of steps, which a reader on a slow device may lower.
  const work = experiment.getByRole('textbox', { name: 'Work (steps)' });
  const steps = await work.inputValue(); // the quick size here
  await expect(intro).toContainText(`Runs ${steps} steps`);
  await work.fill('10000000');
  await expect(intro).toContainText('Runs 10,000,000 steps');
  await work.fill(steps);
  await field.fill('0.5');
  await experiment.getByRole('textbox', { name: 'Workers', exact: true }).fill('1-2');
  await runAndReload(page, 'main .experiment[data-id="amdahl-sweep"]');
  await expect(field).toHaveValue('0.5');
  await expect(prediction).toContainText('s = 0.5: how close to its ceiling of 2.0× will it get?');
  await experiment.getByRole('button', { name: 'Reset' }).click();
  await expect(field).toHaveValue('0.25');
  await expect(intro).toContainText('s = 0.25 of them on one thread');
  await expect(prediction).toContainText('ceiling of 4.0×');
});

test('a quick check keeps the author\'s code formatting, and its feedback is the author\'s words as written', async ({ page }) => {
  await page.goto(lessonUrl('your-cores'));
  const check = page.locator('.quick-check[data-id="why-bend"]');
  // Each of the page's Check buttons says which question it checks.
  await expect(check.getByRole('button', { name: 'Check' })).toHaveAccessibleDescription(/^Quick check: \S.{20,}/);
  await check.getByRole('radio').last().check();
  await check.getByRole('button', { name: 'Check' }).click();
  // Was "Navigator.hardwareConcurrency counts…" in plain text: code upper-cased and unformatted.
  await expect(check.locator('.feedback p code').first()).toHaveText('navigator.hardwareConcurrency');
});

test('the lesson\'s Reset works while the page is still loading its experiments', async ({ page }) => {
  // The chart library held back: the experiments wait for it, the lesson bar does not.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/vendor/chartjs.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(lessonUrl('races'));
  await expect(page.locator('main .experiment button', { hasText: 'Run' })).toHaveCount(0); // not mounted yet
  await page.getByRole('button', { name: 'Reset this lesson' }).click();
  await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Escape');
  release();
  await expect(page.locator('main .experiment').first().getByRole('button', { name: 'Run' })).toBeVisible();
});

test('a lesson whose stored progress is junk starts afresh where it cannot be read, experiments and Reset included', async ({ page }) => {
  await page.goto(lessonUrl('amdahl'));
  const experiments = await page.locator('main .experiment').count();
  for (const stored of ['{"version":1,"lessons":{"amdahl":"junk"}}', '{"lessons":"x"}',
    '{"version":1,"lessons":{"amdahl":{"predictions":null,"answers":{"ceiling":{"choice":99,"correct":"yes"}},"results":"x"}}}']) {
    await page.evaluate((value) => localStorage.setItem('corelab-lessons', value), stored);
    await page.reload();
    await expect(page.locator('main .experiment').last().getByRole('button', { name: 'Run' }), stored).toBeVisible();
    await expect(page.locator('main .experiment').getByRole('button', { name: 'Run' })).toHaveCount(experiments);
    await expect(page.locator('.quick-check.enhanced')).toHaveCount(await page.locator('.quick-check').count());
    await expect(page.getByRole('button', { name: 'Reset this lesson' })).toBeVisible();
  }
});

test('where the browser refuses storage, a lesson keeps progress for the visit and says it will not last', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException('refused', 'QuotaExceededError'); };
  });
  await page.goto(lessonUrl('your-cores'));
  await expect(page.locator('.lesson-status')).toContainText('This browser refuses to store your progress (a private window?): it lasts until you leave this page.');
  const check = page.locator('.quick-check[data-id="why-bend"]');
  const radios = check.getByRole('radio');
  for (let i = 0, right = false; !right; i++) {
    await radios.nth(i).check();
    await check.getByRole('button', { name: 'Check' }).click();
    right = (await check.locator('.verdict').textContent()) === 'Right.';
  }
  await expect(page.locator('.lesson-status')).toContainText(/Quick checks answered correctly: 1 of \d+\./);
});

test('a stored guess this prediction could not take (out of its range) comes back as none', async ({ page }) => {
  await page.goto(lessonUrl('races'));
  const guess = page.locator('main .experiment').first().locator('.prediction input[type="text"]');
  await guess.fill('20');
  await guess.press('Tab');
  await page.evaluate(() => {
    const all = JSON.parse(localStorage.getItem('corelab-lessons'));
    const predictions = all.lessons.races.predictions;
    for (const key of Object.keys(predictions)) predictions[key] = 1e308;
    localStorage.setItem('corelab-lessons', JSON.stringify(all));
  });
  await page.reload();
  await expect(guess).toHaveValue('');
  await expect(page.locator('main .experiment').first().locator('.prediction-saved')).toHaveText('Optional: guess before you press Run.');
});

test('a solved quick check comes back solved after a reload, even when a wrong option was tried after, and a stored choice it no longer has is ignored', async ({ page }) => {
  await page.goto(lessonUrl('your-cores'));
  const check = page.locator('.quick-check[data-id="why-bend"]');
  const radios = check.getByRole('radio');
  const verdict = check.locator('.verdict');
  let correct = -1;
  for (let i = 0; correct < 0; i++) {
    await radios.nth(i).check();
    await check.getByRole('button', { name: 'Check' }).click();
    if ((await verdict.textContent()) === 'Right.') correct = i;
  }
  const wrong = correct === 0 ? 1 : 0;
  await radios.nth(wrong).check();
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(verdict).toHaveText(/^Not quite\./);
  await page.reload();
  // A student saw red for a question solved before: the right answer comes back, in green.
  await expect(radios.nth(correct)).toBeChecked();
  await expect(verdict).toHaveText('Right.');
  await expect(check.locator('.feedback')).not.toContainText('Try another option.');

  // Progress from an older lesson with more options: the check starts blank, the page works.
  await page.evaluate(() => {
    const all = JSON.parse(localStorage.getItem('corelab-lessons'));
    Object.assign(all.lessons['your-cores'].answers['why-bend'], { choice: 99, solved: false });
    localStorage.setItem('corelab-lessons', JSON.stringify(all));
  });
  await page.reload();
  await expect(check.locator('input:checked')).toHaveCount(0);
  await radios.nth(correct).check();
  await check.getByRole('button', { name: 'Check' }).click();
  await expect(verdict).toHaveText('Right.');
});

test('the laws widget redraws its curves and table from the fractions typed, flags a bad one, and on a phone its table\'s caption stays in view and the keyboard can scroll it', async ({ page }) => {
  await page.goto(lessonUrl('amdahl'));
  const widget = page.locator('figure.widget');
  const table = widget.locator('table');
  await expect(table.locator('thead th')).toHaveText(['Cores', 'Amdahl, s = 0.05', 'Amdahl, s = 0.25', 'Amdahl, s = 0.5']);
  // Just under its ceiling of 2 on 1024 cores, s = 0.5 keeps a third decimal ("2.00×" sat beside "just under 2.0×").
  await expect(table.locator('tbody tr').last().locator('td').nth(2)).toHaveText('1.998×');
  const curve1 = widget.getByRole('textbox', { name: 'Serial fraction s (curve 1)' });
  await curve1.fill('0.1');
  await expect(table.locator('thead th').nth(1)).toHaveText('Amdahl, s = 0.1');
  // 1 / (0.1 + 0.9 / 1024) = 9.91
  await expect(table.locator('tbody tr').last().locator('td').first()).toHaveText('9.91×');
  await expect(widget.locator('.help[id$="laws-description"]')).toContainText('Amdahl with s = 0.1: 6.4× on 16 cores, 9.9× on 1024 (ceiling 10×)');
  // While typing, a value on its way (the 10 of 10%) drops its curve but is not called wrong:
  // every keystroke had been read out as an error.
  const error = widget.locator(`#${await curve1.getAttribute('id')}-error`);
  await curve1.fill('');
  await curve1.pressSequentially('10');
  await expect(table.locator('thead th')).toHaveText(['Cores', 'Amdahl, s = 0.25', 'Amdahl, s = 0.5']);
  await expect(error).toBeEmpty();
  await curve1.pressSequentially('%');
  await expect(table.locator('thead th').nth(1)).toHaveText('Amdahl, s = 0.1');
  await expect(error).toBeEmpty();
  // Left with a bad value, the field is flagged, with the message.
  await curve1.fill('1.5');
  await expect(error).toBeEmpty();
  await curve1.press('Tab');
  await expect(curve1).toHaveAttribute('aria-invalid', 'true');
  await expect(error).toHaveText('Serial fraction s (curve 1): enter a number from 0 to 1, or a percentage (got 1.5).');
  await expect(table.locator('thead th')).toHaveText(['Cores', 'Amdahl, s = 0.25', 'Amdahl, s = 0.5']);
  // Edited, the message about the old value goes, even before the new one is judged.
  await curve1.fill('');
  await expect(error).toBeEmpty();
  await expect(curve1).toHaveAttribute('aria-invalid', 'false');
  // 1 / (0.2 + 0.8 / 1024) = 4.98: just under the ceiling, not "5.0× (ceiling 5.0×)".
  await curve1.fill('20%');
  // A valid value clears the mark at once.
  await expect(curve1).toHaveAttribute('aria-invalid', 'false');
  await expect(error).toBeEmpty();
  await expect(widget.locator('.help[id$="laws-description"]')).toContainText('Amdahl with s = 0.2: 4.0× on 16 cores, just under 5.0× on 1024 (its ceiling)');
  // At s = 1 every count gives the ceiling exactly.
  await curve1.fill('1');
  await expect(widget.locator('.help[id$="laws-description"]')).toContainText('Amdahl with s = 1: 1.0× on 16 cores, 1.0× on 1024 too: with nothing parallel, every count of cores gives its ceiling');
  // A ceiling one decimal would misstate keeps two; and a little parallel work is not "nothing parallel".
  await curve1.fill('0.99');
  await expect(widget.locator('.help[id$="laws-description"]')).toContainText('Amdahl with s = 0.99: 1.0× on 16 cores, just under 1.01× on 1024 (its ceiling)');
  await curve1.fill('0.999999');
  await expect(widget.locator('.help[id$="laws-description"]')).toContainText('Amdahl with s = 0.999999: 1.0× on 16 cores, just under 1.0× on 1024 (its ceiling)');

  // Its wrapper is a tab stop, and a region named by the caption, only while the table scrolls
  // (Safari gives no tab stop on its own; a landmark per table would bury the page's own).
  const wrap = page.locator('figure.widget .table-wrap');
  await expect(wrap).not.toHaveAttribute('tabindex');
  await expect(wrap).not.toHaveAttribute('role');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(lessonUrl('gustafson'));
  await expect(wrap).toHaveAttribute('tabindex', '0');
  await expect(wrap).toHaveRole('region');
  await expect(wrap).toHaveAccessibleName(await wrap.locator('caption').textContent());
  const fits = () => wrap.evaluate((box) => {
    const [outer, caption] = [box.getBoundingClientRect(), box.querySelector('caption').getBoundingClientRect()];
    return box.scrollWidth > box.clientWidth && caption.left >= outer.left - 0.5 && caption.right <= outer.right + 0.5;
  });
  expect(await fits()).toBe(true); // the table is wider than the screen, its caption is not
  await wrap.evaluate((box) => { box.scrollLeft = box.scrollWidth; });
  expect(await fits()).toBe(true);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(wrap).not.toHaveAttribute('tabindex');
  await expect(wrap).not.toHaveAttribute('role');

  // The prose's own tables scroll inside the column too: on a 320 px screen the page does not.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(lessonUrl('randomness'));
  const words = page.locator('main table.words');
  await expect(words).toHaveCount(1);
  await expect(page.locator('.table-wrap > table.words')).toHaveCount(1);
  await expect(page.locator('.table-wrap:has(table.words)')).toHaveAttribute('tabindex', '0');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('the lessons index lists every lesson and is linked from the playground', async ({ page }) => {
  await page.goto(process.env.CORELAB_URL);
  await page.getByRole('navigation', { name: 'corelab' }).getByRole('link', { name: 'Lessons' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lessons');
  await expect(page.getByRole('navigation', { name: 'corelab' }).getByRole('link', { name: 'Lessons' })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.lesson-card h2')).toHaveText(LESSONS.map((l) => l.title));
  // What each one asks of the reader, before they open it.
  await expect(page.locator('.lesson-card .lesson-facts').first()).toHaveText(
    `About ${LESSONS[0].minutes} minutes of reading, ${LESSONS[0].experiments} live experiment${LESSONS[0].experiments > 1 ? 's' : ''}, ${LESSONS[0].checks} quick checks`);
  await expect(page.locator('.lesson-card .lesson-facts')).toHaveText(LESSONS.map(() => /^About \d+ minutes of reading, \d+ live experiments?, \d+ quick checks?$/));
  // A tap anywhere on a card opens its lesson, not only on its title (a phone's 118 x 24 px target).
  const facts = await page.locator('.lesson-card').nth(2).locator('.lesson-facts').boundingBox();
  await page.mouse.click(facts.x + facts.width / 2, facts.y + facts.height / 2); // where a finger lands: the card's own link takes it
  await expect(page).toHaveURL(new RegExp(`lessons/${LESSONS[2].id}\\.html$`));
  await page.goBack();
  await page.getByRole('link', { name: LESSONS[1].title }).click();
  await expect(page).toHaveURL(new RegExp(`lessons/${LESSONS[1].id}\\.html$`));
});

test('two experiments on one page: the second waits in the queue while the first runs', async ({ page }) => {
  const lesson = LESSONS.find((l) => l.id === 'gustafson');
  await page.goto(lessonUrl(lesson.id)); // full sizes: the first sweep takes seconds
  const [first, second] = [page.locator('main .experiment').nth(0), page.locator('main .experiment').nth(1)];
  await first.getByRole('button', { name: 'Run' }).click();
  await second.getByRole('button', { name: 'Run' }).click();
  // Both states read in one go: the first is still running (seconds of work) when the second asks.
  expect(await page.evaluate(() => [...document.querySelectorAll('main .experiment')].map((e) => e.dataset.state))).toEqual(['running', 'queued']);
  await expect(second.locator('.status')).toContainText('Waiting: another experiment on this page is running first');
  await expect(second.getByRole('button', { name: 'Run' })).toBeDisabled();
  await first.getByRole('button', { name: 'Cancel' }).click();
  expect(await finished(page, 'main .experiment >> nth=0')).toBe('cancelled');
  await expect(second).toHaveAttribute('data-state', 'running'); // its turn came
  await second.getByRole('button', { name: 'Cancel' }).click();
  expect(await finished(page, 'main .experiment >> nth=1')).toBe('cancelled');
  // Reset puts the controls back to the preset.
  const workers = second.getByRole('textbox', { name: 'Workers' });
  await workers.fill('1');
  await second.getByRole('button', { name: 'Reset' }).click();
  await expect(second).toHaveAttribute('data-state', 'idle');
  await expect(workers).not.toHaveValue('1');
});

test('lessons read without isolation; their experiments say what is missing', async ({ page }) => {
  await withoutServiceWorkers(page);
  await page.goto(lessonUrl('your-cores', process.env.CORELAB_PLAIN_URL));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your cores');
  const experiment = page.locator('main .experiment').first();
  await expect(experiment).toHaveAttribute('data-state', 'unavailable');
  await expect(experiment.locator('.status')).toContainText('not cross-origin isolated');
  await expect(experiment.getByRole('button', { name: 'Run' })).toBeDisabled();
  // Quick checks still work.
  expect(await answerEveryOption(page)).toBeGreaterThan(0);
});
