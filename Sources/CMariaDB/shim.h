#ifndef SITESNAP_CMARIADB_SHIM_H
#define SITESNAP_CMARIADB_SHIM_H
#include <mysql.h>
#endif
