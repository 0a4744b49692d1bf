<?php
// A report that reads core tables in a JOIN: it names #__content and #__extensions, it owns neither.
namespace Acme\Component\Acmepack\Administrator\Model;

\defined('_JEXEC') or die;

class ReportModel
{
    public function query($db)
    {
        return 'SELECT c.id, i.note FROM #__content AS c JOIN #__acmepack_items AS i ON i.content_id = c.id'
            . ' LEFT JOIN #__extensions AS e ON e.element = ' . $db->quote('com_acmepack');
    }
}
