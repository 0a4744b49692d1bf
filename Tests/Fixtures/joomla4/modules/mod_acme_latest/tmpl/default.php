<?php

/**
 * @package     Acme.Latest
 * @subpackage  mod_acme_latest
 *
 * @copyright   (C) 2022 - 2023 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

\defined('_JEXEC') or die;

?>
<ul class="mod-acme-latest">
<?php foreach ($list as $item) : ?>
    <li><a href="<?php echo $item->link; ?>"><?php echo htmlspecialchars($item->title, ENT_QUOTES, 'UTF-8'); ?></a></li>
<?php endforeach; ?>
</ul>
