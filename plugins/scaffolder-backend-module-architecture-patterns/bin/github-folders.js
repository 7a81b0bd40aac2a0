/*
 * Package managers never pack a `.github` folder, which each template's
 * skeleton/ and the shared service-skeleton/ have (the generated repository's
 * CI workflow). The packed copy of the templates names it `dot-github`; a
 * portal's copy names it back.
 */
const fs = require('fs');
const path = require('path');

/** Renames `from` to `to` in every skeleton of a templates folder. */
function renameGithubFolders(templatesDir, from, to) {
  for (const name of fs.readdirSync(templatesDir)) {
    const own = path.join(templatesDir, name, 'skeleton');
    const skeleton = fs.existsSync(own) ? own : path.join(templatesDir, name);
    if (fs.existsSync(path.join(skeleton, from))) {
      fs.renameSync(path.join(skeleton, from), path.join(skeleton, to));
    }
  }
}

module.exports = { renameGithubFolders };
