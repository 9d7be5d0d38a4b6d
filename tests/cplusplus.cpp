// cplusplus.cpp -- a C++ program using libentente: every public header
// compiles as C++ (extern "C" guards), links against the installed shared
// library, and the run-time version matches the headers'.
#include <entente.h>

#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char **argv)
{
    const std::string header = std::to_string(ENT_VERSION_MAJOR) + "." +
                               std::to_string(ENT_VERSION_MINOR) + "." +
                               std::to_string(ENT_VERSION_PATCH);

    if (header != ENT_VERSION || std::strcmp(ent_version(), ENT_VERSION) != 0) {
        std::fprintf(stderr, "version mismatch: headers %s (%s), library %s\n",
                     ENT_VERSION, header.c_str(), ent_version());
        return 1;
    }
    if (argc == 2) { // also load a scenario and run the weighted median
        ent_scenario *sc = nullptr;
        ent_error err;

        ent_error_clear(&err);
        if (ent_scenario_open(argv[1], nullptr, &sc, &err) != 0) {
            std::fprintf(stderr, "%s\n", err.msg);
            return err.code;
        }
        std::printf("%s: %d actors\n", sc->name, sc->n_actors);
        ent_scenario_free(sc);
    }
    std::printf("entente %s\n", ent_version());
    return 0;
}
