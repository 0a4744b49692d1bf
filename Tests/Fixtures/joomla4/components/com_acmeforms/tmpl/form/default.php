<?php

/**
 * @package     Acme.Forms
 * @subpackage  com_acmeforms
 *
 * @copyright   (C) 2021 - 2024 Acme Web Studio
 * @license     GNU General Public License version 2 or later; see LICENSE.txt
 */

\defined('_JEXEC') or die;

?>
<div class="com-acmeforms-form">
    <h2><?php echo $this->escape($this->item->title ?? ''); ?></h2>
</div>
